// The screen picker's state: request → sources pushed → choose/cancel/timeout, refreshes while open.
import { describe, expect, it } from 'vitest';
import type { EventName, Events, ScreenSource } from '../../electron/contract.js';
import { ScreenPicker } from '../../electron/services/screen-picker.js';

function source(id: string, kind: ScreenSource['kind'] = 'window'): ScreenSource {
  return { id, name: `Source ${id}`, kind, thumbnailDataUrl: `data:image/png;base64,${id}` };
}

function setup(opts: { audioSupported?: boolean; refreshMs?: number; timeoutMs?: number } = {}) {
  const events: Array<{ event: EventName; payload: unknown }> = [];
  let listed = 0;
  let current = [source('screen:0', 'screen'), source('window:1')];
  const picker = new ScreenPicker({
    sources: {
      list: async () => {
        listed += 1;
        return current;
      },
    },
    emit: <E extends EventName>(event: E, payload: Events[E]) => events.push({ event, payload }),
    audioSupported: opts.audioSupported ?? true,
    refreshMs: opts.refreshMs ?? 10_000,
    timeoutMs: opts.timeoutMs ?? 10_000,
  });
  return {
    picker,
    events,
    listed: () => listed,
    setSources: (s: ScreenSource[]) => (current = s),
  };
}

const tick = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('ScreenPicker', () => {
  it('asks the renderer with the sources and resolves with the chosen one', async () => {
    const { picker, events } = setup();
    const choice = picker.request();
    await tick(0);
    expect(events[0]).toEqual({
      event: 'screen.pickerRequested',
      payload: { audioSupported: true, sources: [source('screen:0', 'screen'), source('window:1')] },
    });
    expect(picker.isOpen).toBe(true);
    picker.choose('window:1', true);
    expect(await choice).toEqual({ source: source('window:1'), audio: true });
    expect(picker.isOpen).toBe(false);
  });

  it('never grants audio where the OS cannot loop it back', async () => {
    const { picker } = setup({ audioSupported: false });
    const choice = picker.request();
    await tick(0);
    picker.choose('screen:0', true);
    expect((await choice)?.audio).toBe(false);
  });

  it('refuses a source that was not offered, and a choice with nothing pending', async () => {
    const { picker } = setup();
    expect(() => picker.choose('screen:0', false)).toThrow(/No screen share is waiting/);
    const choice = picker.request();
    await tick(0);
    expect(() => picker.choose('window:99', false)).toThrow(/no longer available/);
    picker.cancel();
    expect(await choice).toBeNull();
  });

  it('pushes fresh sources while open and stops when closed', async () => {
    const { picker, events, listed, setSources } = setup({ refreshMs: 20 });
    const choice = picker.request();
    await tick(0);
    setSources([source('window:2')]);
    await tick(70);
    const refreshes = events.filter((e) => e.event === 'screen.sourcesChanged');
    expect(refreshes.length).toBeGreaterThanOrEqual(2);
    expect(refreshes.at(-1)?.payload).toEqual([source('window:2')]);
    // The refreshed list is what choices are checked against.
    picker.choose('window:2', false);
    expect((await choice)?.source.id).toBe('window:2');
    const after = listed();
    await tick(60);
    expect(listed()).toBe(after);
  });

  it('gives up after the timeout and tells the renderer to close its picker', async () => {
    const { picker, events } = setup({ timeoutMs: 30 });
    expect(await picker.request()).toBeNull();
    expect(events.at(-1)).toEqual({ event: 'screen.pickerClosed', payload: {} });
  });

  it('a new request cancels the pending one', async () => {
    const { picker, events } = setup();
    const first = picker.request();
    await tick(0);
    const second = picker.request();
    expect(await first).toBeNull();
    await tick(0);
    expect(events.map((e) => e.event)).toEqual([
      'screen.pickerRequested',
      'screen.pickerClosed',
      'screen.pickerRequested',
    ]);
    picker.choose('screen:0', false);
    expect((await second)?.source.id).toBe('screen:0');
  });
});
