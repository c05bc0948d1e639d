// User settings in a JSON file, validated on read and written crash-safely. A corrupt or invalid
// file is backed up next to itself and reported (see `warning`), never silently dropped.
import { DEFAULT_SETTINGS, Settings, SettingsFile } from '../../common/settings.js';
import { JsonDocument } from './json-document.js';
import type { Logger } from './logger.js';

export { DEFAULT_SETTINGS };

export class SettingsStore {
  private current: Settings = DEFAULT_SETTINGS;
  /** Set when the file on disk was unreadable at load; says where the backup went. */
  warning: string | undefined;
  private readonly listeners = new Set<(settings: Settings) => void>();
  readonly #file: JsonDocument<typeof SettingsFile>;

  constructor(
    path: string,
    private readonly log: Logger,
    /** Fills in defaults IT gave (policy `Recommended` values) where the user chose nothing. */
    private readonly fill: (settings: Settings) => Settings = (settings) => settings,
  ) {
    this.#file = new JsonDocument(path, SettingsFile, 2);
  }

  async load(): Promise<Settings> {
    const file = await this.#file.load();
    if (file.status === 'missing') return (this.current = DEFAULT_SETTINGS);
    if (file.status === 'ok') return (this.current = file.value);
    const { reason, backup } = file;
    this.warning = `Your settings file could not be read (${reason}); defaults are in use and the old file was kept as ${backup}.`;
    this.log.warn('settings file rejected and backed up', { reason, backup });
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
    await this.#file.save(() => next);
    this.current = next;
    for (const listener of this.listeners) listener(this.get());
    return this.get();
  }

  onChange(listener: (settings: Settings) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
