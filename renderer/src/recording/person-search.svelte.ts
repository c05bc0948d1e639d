// Search by person in the server's records: the CDR list carries no names, so the history view
// asks the app server (`cdr.list` with `person`) which of this user's meetings had someone of
// that name or username, a page at a time like the main list. Typing is debounced, and an answer
// to an older text is dropped, so the matches always belong to `text`.
import type { CdrSession } from '../../../common/api.js';
import { errorText, type Platform } from '../platform/platform.js';
import { serverDateRange, type HistoryFilter } from './history-model.js';

const PAGE = 200;
const DEBOUNCE_MS = 250;

export class PersonSearch {
  /** The search text the matches are for ('' when none). */
  text = $state('');
  matches = $state.raw<CdrSession[]>([]);
  // Rebuilt whole from the raw array, never mutated: no SvelteSet needed.
  // eslint-disable-next-line svelte/prefer-svelte-reactivity
  ids: ReadonlySet<string> = $derived(new Set(this.matches.map((s) => s.id)));
  nextCursor = $state<string | null>(null);
  loading = $state(false);
  error = $state('');
  #timer: ReturnType<typeof setTimeout> | undefined;
  #asked = 0;
  #range: { from?: string; to?: string } = {};

  constructor(private readonly platform: Platform) {}

  /** A new search text or date range: clears the matches and asks again after a pause. */
  update(filter: HistoryFilter): void {
    clearTimeout(this.#timer);
    const text = filter.text.trim();
    this.#asked += 1;
    this.text = '';
    this.matches = [];
    this.nextCursor = null;
    this.loading = false;
    if (!text) return;
    this.#range = serverDateRange(filter);
    this.#timer = setTimeout(() => void this.#load(text, null), DEBOUNCE_MS);
  }

  /** The next page of matches, if there is one and none is on its way. */
  more(): boolean {
    if (this.loading || !this.nextCursor || !this.text) return false;
    void this.#load(this.text, this.nextCursor);
    return true;
  }

  dispose(): void {
    clearTimeout(this.#timer);
    this.#asked += 1;
  }

  async #load(text: string, cursor: string | null): Promise<void> {
    const asked = ++this.#asked;
    this.loading = true;
    try {
      const page = await this.platform.call('cdr.list', {
        query: { limit: PAGE, person: text, ...this.#range, ...(cursor ? { cursor } : {}) },
      });
      if (asked !== this.#asked) return;
      this.text = text;
      this.matches = cursor ? [...this.matches, ...page.sessions] : page.sessions;
      this.nextCursor = page.nextCursor;
      this.error = '';
    } catch (err) {
      if (asked !== this.#asked) return;
      // Offline: the local log still answers for names; the view already says the server is away.
      this.error = errorText(err);
      this.nextCursor = null;
    } finally {
      if (asked === this.#asked) this.loading = false;
    }
  }
}
