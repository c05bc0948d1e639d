// Settings in web mode: the browser's localStorage, validated on read because anything (an older
// version, a user with devtools) may have written it.
import { z } from 'zod';
import { DEFAULT_SETTINGS, type Settings } from './platform.js';

const KEY = 'convene.settings';

const deviceId = z.string().max(512).nullable().catch(null);
const StoredSettings = z.object({
  cameraId: deviceId,
  microphoneId: deviceId,
  speakerId: deviceId,
  joinWithCamera: z.boolean().catch(true),
  joinWithMicrophone: z.boolean().catch(true),
  serverUrl: z.string().max(2048).nullable().catch(null),
});

export function readSettings(storage: Storage): Settings {
  const raw = storage.getItem(KEY);
  if (!raw) return { ...DEFAULT_SETTINGS };
  try {
    const parsed = StoredSettings.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : { ...DEFAULT_SETTINGS };
  } catch {
    return { ...DEFAULT_SETTINGS };
  }
}

export function writeSettings(storage: Storage, patch: Partial<Settings>): Settings {
  const next = { ...readSettings(storage), ...patch };
  storage.setItem(KEY, JSON.stringify(next));
  return next;
}
