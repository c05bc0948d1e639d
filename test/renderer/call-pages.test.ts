// History's calls a page at a time: older pages add on, and reading the newest page again keeps
// the older pages shown, each call once, with the fresh state of the ones read again.
import { describe, expect, it } from 'vitest';
import type { CallView } from '../../common/calls.js';
import { NO_CALLS, withNewestPage, withOlderPage } from '../../renderer/src/lib/call-pages.js';

const call = (id: string, answered = false): CallView => ({
  id,
  roomId: `room-${id}`,
  caller: { id: 'bob', username: 'bob', displayName: 'Bob Baker' },
  video: true,
  createdAt: '2026-12-01T10:00:00.000Z',
  answered,
  settled: true,
  parties: [],
});
const ids = (calls: CallView[]) => calls.map((c) => c.id);

describe('call pages', () => {
  it('adds older pages after the ones shown, once each, and keeps their cursor', () => {
    const first = withNewestPage(NO_CALLS, { calls: [call('c5'), call('c4')], nextCursor: 'after-c4' });
    expect(first).toMatchObject({ nextCursor: 'after-c4', pages: 1 });
    // c4 moved down a page while it was read (a new call came in): it is not shown twice.
    const second = withOlderPage(first, { calls: [call('c4'), call('c3')], nextCursor: null });
    expect(ids(second.calls)).toEqual(['c5', 'c4', 'c3']);
    expect(second).toMatchObject({ nextCursor: null, pages: 2 });
  });

  it('reads the newest page again without dropping the older pages shown', () => {
    let shown = withNewestPage(NO_CALLS, { calls: [call('c5'), call('c4')], nextCursor: 'after-c4' });
    shown = withOlderPage(shown, { calls: [call('c3'), call('c2')], nextCursor: 'after-c2' });
    const again = withNewestPage(shown, { calls: [call('c6'), call('c5', true)], nextCursor: 'after-c5' });
    expect(ids(again.calls)).toEqual(['c6', 'c5', 'c4', 'c3', 'c2']);
    expect(again.calls[1]?.answered).toBe(true);
    // "Show older calls" goes on after c2, the oldest shown, not after the fresh page.
    expect(again).toMatchObject({ nextCursor: 'after-c2', pages: 2 });
  });

  it('replaces a single page outright, cursor and all', () => {
    const shown = withNewestPage(NO_CALLS, { calls: [call('c2'), call('c1')], nextCursor: 'after-c1' });
    const again = withNewestPage(shown, { calls: [call('c3'), call('c2')], nextCursor: 'after-c2' });
    expect(ids(again.calls)).toEqual(['c3', 'c2']);
    expect(again).toMatchObject({ nextCursor: 'after-c2', pages: 1 });
  });
});
