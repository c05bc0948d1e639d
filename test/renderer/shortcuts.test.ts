import { describe, expect, it } from 'vitest';
import { matchShortcut, SHORTCUTS } from '../../renderer/src/room/shortcuts.js';

describe('shortcuts', () => {
  const key = (k: string, over: Partial<Parameters<typeof matchShortcut>[0]> = {}) => ({
    key: k,
    ctrlKey: true,
    metaKey: false,
    shiftKey: false,
    altKey: false,
    inTextField: false,
    ...over,
  });

  it('maps each labelled shortcut to its action, and nothing while typing', () => {
    expect(matchShortcut(key('d'))).toBe('toggleMic');
    expect(matchShortcut(key('E'))).toBe('toggleCamera');
    expect(matchShortcut(key('S', { shiftKey: true }))).toBe('toggleShare');
    expect(matchShortcut(key('s'))).toBeNull();
    expect(matchShortcut(key('d', { inTextField: true }))).toBeNull();
    expect(matchShortcut(key('d', { ctrlKey: false }))).toBeNull();
    expect(matchShortcut(key('d', { ctrlKey: false, metaKey: true }))).toBe('toggleMic');
  });

  it('has one key per action', () => {
    const combos = SHORTCUTS.map((s) => s.label);
    expect(new Set(combos).size).toBe(combos.length);
  });
});
