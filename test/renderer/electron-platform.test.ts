// The desktop Platform over the preload bridge. The real bridge needs Electron's binary, which
// cannot run here, so this test hands in a FAKE bridge (a plain object with the bridge's shape)
// and checks only what the wrapper itself does: outcomes become values or PlatformErrors.
import { describe, expect, it } from 'vitest';
import type { ConveneBridge, InvokeOutcome, MethodName } from '../../electron/contract.js';
import { createElectronPlatform } from '../../renderer/src/platform/electron.js';
import { PlatformError } from '../../renderer/src/platform/platform.js';

function fakeBridge(answer: (method: MethodName, args: unknown) => InvokeOutcome<MethodName>) {
  const calls: Array<[MethodName, unknown]> = [];
  const listeners: Array<[string, (payload: unknown) => void]> = [];
  const bridge = {
    invoke: async (method: MethodName, args?: unknown) => {
      calls.push([method, args]);
      return answer(method, args);
    },
    on: (event: string, listener: (payload: unknown) => void) => {
      listeners.push([event, listener]);
      return () =>
        listeners.splice(
          listeners.findIndex(([, l]) => l === listener),
          1,
        );
    },
  } as unknown as ConveneBridge;
  return { bridge, calls, listeners };
}

describe('electron platform', () => {
  it('passes the method and arguments through and returns the value', async () => {
    const { bridge, calls } = fakeBridge(() => ({ ok: true, value: { inMeeting: true } as never }));
    const platform = createElectronPlatform(bridge);
    await expect(
      platform.invoke('meeting.state', { inMeeting: true, muted: false, sharing: false }),
    ).resolves.toEqual({
      inMeeting: true,
    });
    expect(calls).toEqual([['meeting.state', { inMeeting: true, muted: false, sharing: false }]]);
    expect(platform.kind).toBe('electron');
  });

  it('calls the app server through the one api.call method, with the route id and arguments', async () => {
    const { bridge, calls } = fakeBridge(() => ({ ok: true, value: { rooms: [] } as never }));
    const platform = createElectronPlatform(bridge);
    await expect(platform.call('rooms.list', { query: { filter: 'upcoming' } })).resolves.toEqual({
      rooms: [],
    });
    await platform.call(
      'guest.join',
      { body: { invite: 'i', displayName: 'G' } },
      { serverUrl: 'https://b.example' },
    );
    expect(calls).toEqual([
      ['api.call', { route: 'rooms.list', args: { query: { filter: 'upcoming' } } }],
      [
        'api.call',
        {
          route: 'guest.join',
          args: { body: { invite: 'i', displayName: 'G' } },
          serverUrl: 'https://b.example',
        },
      ],
    ]);
  });

  it('turns an error outcome into a PlatformError with its code and sentence', async () => {
    const { bridge } = fakeBridge(() => ({
      ok: false,
      error: { code: 'LOCKED', message: 'The host locked it.' },
    }));
    const error = await createElectronPlatform(bridge)
      .call('rooms.join', { params: { id: 'team' } })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PlatformError);
    expect(error).toMatchObject({ code: 'LOCKED', message: 'The host locked it.' });
  });

  it('subscribes to events and unsubscribes', () => {
    const { bridge, listeners } = fakeBridge(() => ({ ok: true, value: undefined as never }));
    const off = createElectronPlatform(bridge).on('tray.command', () => undefined);
    expect(listeners.map(([event]) => event)).toEqual(['tray.command']);
    off();
    expect(listeners).toHaveLength(0);
  });
});
