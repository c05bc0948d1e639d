// The tray's icon and menu for each meeting state, and what closing the window does.
import { describe, expect, it } from 'vitest';
import { closeAction, trayModel, type TrayItemId } from '../../electron/services/tray-model.js';

const visible = (state: Parameters<typeof trayModel>[0]) =>
  Object.fromEntries(
    trayModel(state)
      .items.filter((i) => i.visible)
      .map((i) => [i.id, i.enabled]),
  ) as Partial<Record<TrayItemId, boolean>>;

describe('trayModel', () => {
  it('outside a meeting: idle icon, meeting actions disabled', () => {
    const model = trayModel({ inMeeting: false, muted: false, sharing: false });
    expect(model.icon).toBe('idle');
    expect(visible({ inMeeting: false, muted: false, sharing: false })).toEqual({
      'share-screen': false,
      'toggle-mute': false,
      leave: false,
      show: true,
      quit: true,
    });
  });

  it('in a meeting: share and mute offered', () => {
    const state = { inMeeting: true, muted: false, sharing: false };
    expect(trayModel(state).icon).toBe('meeting');
    expect(visible(state)).toMatchObject({ 'share-screen': true, 'toggle-mute': true, leave: true });
    expect(trayModel(state).items.find((i) => i.id === 'toggle-mute')?.label).toBe('Mute');
  });

  it('muted: muted icon and an Unmute item', () => {
    const model = trayModel({ inMeeting: true, muted: true, sharing: false });
    expect(model.icon).toBe('muted');
    expect(model.items.find((i) => i.id === 'toggle-mute')?.label).toBe('Unmute');
    expect(model.tooltip).toMatch(/muted/);
  });

  it('sharing wins over muted for the icon, and Stop sharing replaces Share screen', () => {
    const state = { inMeeting: true, muted: true, sharing: true };
    expect(trayModel(state).icon).toBe('sharing');
    const shown = visible(state);
    expect(shown['stop-sharing']).toBe(true);
    expect(shown['share-screen']).toBeUndefined();
  });
});

describe('closeAction', () => {
  it('hides to the tray during a meeting, closes otherwise or when quitting', () => {
    expect(closeAction({ inMeeting: true, muted: false, sharing: false }, false)).toBe('hide');
    expect(closeAction({ inMeeting: true, muted: false, sharing: false }, true)).toBe('close');
    expect(closeAction({ inMeeting: false, muted: false, sharing: false }, false)).toBe('close');
  });
});
