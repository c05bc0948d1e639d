// Settings in web mode: the browser's localStorage, validated on read with the same schema as
// the desktop's settings file, because anything (an older version, a user with devtools) may
// have written it. Like the desktop, a corrupt record is kept aside under another key, defaults
// apply, and the reason is reported (app.info's settingsWarning), never silently dropped.
import { DEFAULT_SETTINGS, Settings, SettingsFile } from '../../../common/settings.js';

const KEY = 'convene.settings';

/** The part of the browser's Storage this needs (localStorage in the page). */
export interface KeyValueStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

export class WebSettings {
  #current: Settings = { ...DEFAULT_SETTINGS };
  /** Set when the stored record was unreadable at load; says where it was kept. */
  warning: string | undefined;

  constructor(
    private readonly storage: KeyValueStorage,
    now: () => number = Date.now,
  ) {
    const raw = storage.getItem(KEY);
    if (raw === null) return;
    const reason = parse(raw);
    if (typeof reason !== 'string') {
      this.#current = reason;
      return;
    }
    const backup = `${KEY}.corrupt-${now()}`;
    storage.setItem(backup, raw);
    storage.removeItem(KEY);
    this.warning = `Your settings could not be read (${reason}); defaults are in use and the old ones were kept as ${backup} in this browser's storage.`;
  }

  get(): Settings {
    return this.#current;
  }

  set(patch: Partial<Settings>): Settings {
    const next = Settings.parse({ ...this.#current, ...patch });
    this.storage.setItem(KEY, JSON.stringify(next));
    this.#current = next;
    return next;
  }
}

/** The settings, or the reason they cannot be read. */
function parse(raw: string): Settings | string {
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    return 'not valid JSON';
  }
  const parsed = SettingsFile.safeParse(json);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  return `${issue?.path.join('.') || 'top level'}: ${issue?.message ?? 'invalid'}`;
}
