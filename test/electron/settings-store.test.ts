// The settings file: validated on read, written crash-safely, a corrupt file backed up and reported.
import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, SettingsStore } from '../../electron/services/settings-store.js';
import { memoryLog } from './support/memory-log.js';

async function tempDir(): Promise<string> {
  return mkdtemp(join(tmpdir(), 'convene-settings-'));
}

describe('SettingsStore', () => {
  it('starts from defaults and persists changes across instances', async () => {
    const path = join(await tempDir(), 'settings.json');
    const first = new SettingsStore(path, memoryLog().log);
    expect(await first.load()).toEqual(DEFAULT_SETTINGS);
    await first.update({ cameraId: 'cam-2', joinWithMicrophone: false });

    const second = new SettingsStore(path, memoryLog().log);
    expect(await second.load()).toEqual({
      ...DEFAULT_SETTINGS,
      cameraId: 'cam-2',
      joinWithMicrophone: false,
    });
    expect(second.warning).toBeUndefined();
  });

  it('leaves no temporary file behind after a write', async () => {
    const dir = await tempDir();
    const store = new SettingsStore(join(dir, 'settings.json'), memoryLog().log);
    await store.load();
    await store.update({ speakerId: 'spk' });
    expect(await readdir(dir)).toEqual(['settings.json']);
  });

  it('rejects an invalid change and keeps the old value', async () => {
    const store = new SettingsStore(join(await tempDir(), 'settings.json'), memoryLog().log);
    await store.load();
    await expect(store.update({ joinWithCamera: 'yes' as unknown as boolean })).rejects.toThrow();
    expect(store.get().joinWithCamera).toBe(true);
  });

  it('backs up a corrupt file, reports it, and uses defaults', async () => {
    const dir = await tempDir();
    const path = join(dir, 'settings.json');
    await writeFile(path, '{"cameraId": "cam", "joinWithCamera": ');
    const mem = memoryLog();
    const store = new SettingsStore(path, mem.log);
    expect(await store.load()).toEqual(DEFAULT_SETTINGS);
    expect(store.warning).toMatch(/not valid JSON/);
    const backup = (await readdir(dir)).find((f) => f.startsWith('settings.json.corrupt-'));
    expect(backup).toBeDefined();
    expect(await readFile(join(dir, backup ?? ''), 'utf8')).toContain('"cam"');
    expect(mem.lines.some((l) => l.level === 'warn')).toBe(true);
  });

  it('treats a wrongly typed value as invalid, naming the key', async () => {
    const path = join(await tempDir(), 'settings.json');
    await writeFile(path, JSON.stringify({ joinWithCamera: 1 }));
    const store = new SettingsStore(path, memoryLog().log);
    await store.load();
    expect(store.warning).toMatch(/joinWithCamera/);
  });

  it('drops unknown keys from newer versions without complaint', async () => {
    const path = join(await tempDir(), 'settings.json');
    await writeFile(path, JSON.stringify({ cameraId: 'c', futureThing: 3 }));
    const store = new SettingsStore(path, memoryLog().log);
    expect((await store.load()).cameraId).toBe('c');
    expect(store.warning).toBeUndefined();
  });
});
