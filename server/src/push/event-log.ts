// The per-user event log behind the push channel. Appending bumps the user's cursor row with an
// upsert first: on PostgreSQL that row stays locked until commit, so a user's events commit in
// sequence order and a reader that saw seq n never later finds a smaller one appear.
import { sql, type Kysely } from 'kysely';
import type { PushEvent } from '../../../common/push.js';
import type { Tables } from '../db/schema.js';

export interface PendingEvent {
  userId: string;
  event: PushEvent;
}

export interface StoredEvent {
  seq: number;
  createdAt: number;
  /** The event as JSON, exactly as it was appended. */
  payload: string;
}

/** Appends the events (per user, in the given order); returns the users that got any. */
export async function appendEvents(
  trx: Kysely<Tables>,
  events: readonly PendingEvent[],
  now: number,
): Promise<string[]> {
  const byUser = new Map<string, PushEvent[]>();
  for (const { userId, event } of events) byUser.set(userId, [...(byUser.get(userId) ?? []), event]);
  // A fixed order of row locks, so two transactions touching the same users cannot deadlock.
  const users = [...byUser.keys()].sort();
  for (const userId of users) {
    const list = byUser.get(userId) ?? [];
    const { last_seq } = await trx
      .insertInto('push_cursors')
      .values({ user_id: userId, last_seq: list.length })
      .onConflict((oc) =>
        oc.column('user_id').doUpdateSet({ last_seq: sql<number>`push_cursors.last_seq + ${list.length}` }),
      )
      .returning('last_seq')
      .executeTakeFirstOrThrow();
    const first = Number(last_seq) - list.length + 1;
    await trx
      .insertInto('push_events')
      .values(
        list.map((event, i) => ({
          user_id: userId,
          seq: first + i,
          type: event.type,
          payload: JSON.stringify(event),
          created_at: now,
        })),
      )
      .execute();
  }
  return users;
}

export async function eventsAfter(
  db: Kysely<Tables>,
  userId: string,
  after: number,
  limit: number,
): Promise<StoredEvent[]> {
  const rows = await db
    .selectFrom('push_events')
    .select(['seq', 'created_at', 'payload'])
    .where('user_id', '=', userId)
    .where('seq', '>', after)
    .orderBy('seq')
    .limit(limit)
    .execute();
  return rows.map((r) => ({ seq: Number(r.seq), createdAt: Number(r.created_at), payload: r.payload }));
}

/** The user's newest sequence number (0 before their first event). */
export async function lastSeq(db: Kysely<Tables>, userId: string): Promise<number> {
  const row = await db
    .selectFrom('push_cursors')
    .select('last_seq')
    .where('user_id', '=', userId)
    .executeTakeFirst();
  return row ? Number(row.last_seq) : 0;
}

/** The id of the user's newest event after `after` still in the log, or undefined if none. */
export async function newestSeqAfter(
  db: Kysely<Tables>,
  userId: string,
  after: number,
): Promise<number | undefined> {
  const row = await db
    .selectFrom('push_events')
    .select((eb) => eb.fn.max('seq').as('newest'))
    .where('user_id', '=', userId)
    .where('seq', '>', after)
    .executeTakeFirst();
  return row?.newest == null ? undefined : Number(row.newest);
}

/** Drops events older than `beforeMs`; a client away longer resumes from what is left. */
export async function pruneEvents(db: Kysely<Tables>, beforeMs: number): Promise<number> {
  const result = await db.deleteFrom('push_events').where('created_at', '<', beforeMs).executeTakeFirst();
  return Number(result.numDeletedRows);
}
