// User settings in a JSON file, validated on read and written crash-safely. A corrupt or invalid
// file is backed up next to itself and reported (see `warning`), never silently dropped.
import { readFile, rename } from 'node:fs/promises';
import { DEFAULT_SETTINGS } from '../../common/settings.js';
import { Settings } from '../contract.js';
import { writeFileAtomic } from './atomic-file.js';
import type { Logger } from './logger.js';

export { DEFAULT_SETTINGS };

export class SettingsStore {
  private current: Settings = DEFAULT_SETTINGS;
  /** Set when the file on disk was unreadable at load; says where the backup went. */
  warning: string | undefined;
  private readonly listeners = new Set<(settings: Settings) => void>();

  constructor(
    private readonly path: string,
    private readonly log: Logger,
    /** Fills in defaults IT gave (policy `Recommended` values) where the user chose nothing. */
    private readonly fill: (settings: Settings) => Settings = (settings) => settings,
  ) {}

  async load(): Promise<Settings> {
    let text: string;
    try {
      text = await readFile(this.path, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return (this.current = DEFAULT_SETTINGS);
      throw err;
    }
    const parsed = parseSettings(text);
    if (parsed.ok) return (this.current = parsed.settings);
    const backup = `${this.path}.corrupt-${Date.now()}`;
    await rename(this.path, backup);
    this.warning = `Your settings file could not be read (${parsed.reason}); defaults are in use and the old file was kept as ${backup}.`;
    this.log.warn('settings file rejected and backed up', { reason: parsed.reason, backup });
    return (this.current = DEFAULT_SETTINGS);
  }

  get(): Settings {
    return this.fill(this.current);
  }

  /** What the user chose, without IT's defaults (for the diagnostics' "source" of each key). */
  userChoices(): Settings {
    return this.current;
  }

  async update(changes: Partial<Settings>): Promise<Settings> {
    const next = Settings.parse({ ...this.current, ...changes });
    await writeFileAtomic(this.path, `${JSON.stringify(next, null, 2)}\n`);
    this.current = next;
    for (const listener of this.listeners) listener(this.get());
    return this.get();
  }

  onChange(listener: (settings: Settings) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}

type ParseOutcome = { ok: true; settings: Settings } | { ok: false; reason: string };

/** Unknown keys from newer versions are dropped; missing keys take their defaults. */
export function parseSettings(text: string): ParseOutcome {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { ok: false, reason: 'not valid JSON' };
  }
  if (json === null || typeof json !== 'object' || Array.isArray(json)) {
    return { ok: false, reason: 'not a JSON object' };
  }
  const known = Object.fromEntries(
    Object.entries(json).filter(([key]) => Object.hasOwn(DEFAULT_SETTINGS, key)),
  );
  const result = Settings.safeParse({ ...DEFAULT_SETTINGS, ...known });
  if (result.success) return { ok: true, settings: result.data };
  const issue = result.error.issues[0];
  return { ok: false, reason: `${issue?.path.join('.') || 'file'}: ${issue?.message ?? 'invalid'}` };
}
