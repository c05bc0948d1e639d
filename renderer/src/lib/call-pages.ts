// The calls History shows, read a page at a time with the server's cursor ("Show more"), and read
// again from the newest when one of my calls changes, without losing the older pages shown.
import type { CallList, CallView } from '../../../common/calls.js';

export interface CallPages {
  calls: CallView[];
  /** Where the next older page starts; null once every call is shown. */
  nextCursor: string | null;
  pages: number;
}

export const NO_CALLS: CallPages = { calls: [], nextCursor: null, pages: 0 };

/** An older page added after the ones shown (once each: a call may have moved between pages). */
export function withOlderPage(shown: CallPages, page: CallList): CallPages {
  const known = new Set(shown.calls.map((c) => c.id));
  return {
    calls: [...shown.calls, ...page.calls.filter((c) => !known.has(c.id))],
    nextCursor: page.nextCursor,
    pages: shown.pages + 1,
  };
}

/** The newest page read again: its calls (their state may have changed) in front of the older
 *  ones shown that it no longer holds; the cursor stays after the oldest page shown. */
export function withNewestPage(shown: CallPages, page: CallList): CallPages {
  if (shown.pages <= 1) return { calls: page.calls, nextCursor: page.nextCursor, pages: 1 };
  const fresh = new Set(page.calls.map((c) => c.id));
  return {
    calls: [...page.calls, ...shown.calls.filter((c) => !fresh.has(c.id))],
    nextCursor: shown.nextCursor,
    pages: shown.pages,
  };
}
