// The web client's settings in localStorage, read with the desktop's schema. The browser's
// Storage is not in Node 20, so a STAND-IN with the same interface (a Map) holds the data.
import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../common/settings.js';
import { WebSettings, type KeyValueStorage } from '../../renderer/src/platform/web-settings.js';

function storage(initial: Record<string, string> = {}): KeyValueStorage & { data: Map<string, string> } {
  const data = new Map(Object.entries(initial));
  return {
    data,
    getItem: (k: string) => data.get(k) ?? null,
    setItem: (k: string, v: string) => void data.set(k, String(v)),
    removeItem: (k: string) => void data.delete(k),
  };
}

describe('web settings', () => {
  it('starts from the defaults and keeps what is set', () => {
    const store = storage();
    const settings = new WebSettings(store);
    expect(settings.get()).toEqual(DEFAULT_SETTINGS);
    settings.set({ cameraId: 'cam-1', joinWithMicrophone: false });
    expect(new WebSettings(store).get()).toMatchObject({ cameraId: 'cam-1', joinWithMicrophone: false });
    expect(settings.warning).toBeUndefined();
  });

  it('drops keys of newer versions and fills missing ones, like the desktop file', () => {
    const store = storage({ 'convene.settings': JSON.stringify({ speakerId: 'spk', futureKey: 1 }) });
    expect(new WebSettings(store).get()).toEqual({ ...DEFAULT_SETTINGS, speakerId: 'spk' });
  });

  it('keeps a corrupt record aside, uses the defaults and says so', () => {
    for (const raw of ['{ not json', JSON.stringify({ joinWithCamera: 'yes' }), '[1,2]']) {
      const store = storage({ 'convene.settings': raw });
      const settings = new WebSettings(store, () => 42);
      expect(settings.get(), raw).toEqual(DEFAULT_SETTINGS);
      expect(settings.warning, raw).toMatch(/could not be read .*convene\.settings\.corrupt-42/);
      expect(store.data.get('convene.settings.corrupt-42'), raw).toBe(raw);
      expect(store.data.has('convene.settings'), raw).toBe(false);
    }
  });

  it('refuses a value of the wrong shape instead of storing it', () => {
    const settings = new WebSettings(storage());
    expect(() => settings.set({ serverUrl: 'javascript:alert(1)' })).toThrow();
  });
});
