// Reading calls: one call as the API shows it, a person's calls (paged, newest first), and the
// missed-calls count. Every read takes the Kysely handle to use, so transitions read inside their
// own transaction.
import type { Kysely } from 'kysely';
import type { CallParty, CallView } from '../../../common/calls.js';
import type { Tables } from '../db/schema.js';
import type { CallLegsTable, CallsTable } from './tables.js';

const iso = (ms: number) => new Date(ms).toISOString();
export const MISSED_OUTCOMES = ['missed', 'busy'] as const;

export interface CallCursor {
  createdAt: number;
  id: string;
}

export async function loadCall(db: Kysely<Tables>, callId: string): Promise<CallsTable | undefined> {
  return db.selectFrom('calls').selectAll().where('id', '=', callId).executeTakeFirst();
}

export async function loadLegs(db: Kysely<Tables>, callIds: readonly string[]): Promise<CallLegsTable[]> {
  if (callIds.length === 0) return [];
  return db.selectFrom('call_legs').selectAll().where('call_id', 'in', callIds).orderBy('rang_at').execute();
}

/** Everyone in the call: the caller and every callee. */
export function partyIds(call: CallsTable, legs: readonly CallLegsTable[]): string[] {
  return [call.caller_id, ...legs.map((l) => l.user_id)];
}

export async function viewsOf(db: Kysely<Tables>, calls: readonly CallsTable[]): Promise<CallView[]> {
  const legs = await loadLegs(
    db,
    calls.map((c) => c.id),
  );
  const userIds = [...new Set([...calls.map((c) => c.caller_id), ...legs.map((l) => l.user_id)])];
  const users = new Map(
    (userIds.length
      ? await db
          .selectFrom('users')
          .select(['id', 'username', 'display_name'])
          .where('id', 'in', userIds)
          .execute()
      : []
    ).map((u) => [u.id, { id: u.id, username: u.username, displayName: u.display_name }]),
  );
  const person = (id: string) => users.get(id) ?? { id, username: id, displayName: 'Someone' };
  return calls.map((call) => {
    const mine = legs.filter((l) => l.call_id === call.id);
    const parties: CallParty[] = mine.map((l) => ({
      ...person(l.user_id),
      outcome: l.outcome,
      invitedBy: l.invited_by,
      rangAt: iso(l.rang_at),
      ringMs: l.ring_ended_at === null ? null : l.ring_ended_at - l.rang_at,
      message: l.message,
      silent: l.silent === 1,
    }));
    return {
      id: call.id,
      roomId: call.room_id,
      caller: person(call.caller_id),
      video: call.video === 1,
      createdAt: iso(call.created_at),
      answered: call.answered_at !== null,
      settled: parties.every((p) => p.outcome !== 'ringing'),
      parties,
    };
  });
}

export async function viewOf(db: Kysely<Tables>, call: CallsTable): Promise<CallView> {
  const [view] = await viewsOf(db, [call]);
  return view!;
}

/** Calls the user placed or was rung in (all calls for `everyone`), newest first. */
export async function listCalls(
  db: Kysely<Tables>,
  options: { userId: string; everyone: boolean; missedOnly: boolean; limit: number; after?: CallCursor },
): Promise<CallsTable[]> {
  let query = db.selectFrom('calls as c').selectAll('c');
  const { userId } = options;
  if (options.missedOnly) {
    query = query.where(({ exists, selectFrom }) =>
      exists(
        selectFrom('call_legs as l')
          .select('l.call_id')
          .whereRef('l.call_id', '=', 'c.id')
          .where('l.outcome', 'in', MISSED_OUTCOMES)
          .$if(!options.everyone, (q) => q.where('l.user_id', '=', userId)),
      ),
    );
  }
  if (!options.everyone) {
    query = query.where((eb) =>
      eb.or([
        eb('c.caller_id', '=', userId),
        eb.exists(
          eb
            .selectFrom('call_legs as m')
            .select('m.call_id')
            .whereRef('m.call_id', '=', 'c.id')
            .where('m.user_id', '=', userId),
        ),
      ]),
    );
  }
  const after = options.after;
  if (after) {
    query = query.where((eb) =>
      eb.or([
        eb('c.created_at', '<', after.createdAt),
        eb.and([eb('c.created_at', '=', after.createdAt), eb('c.id', '<', after.id)]),
      ]),
    );
  }
  return query.orderBy('c.created_at', 'desc').orderBy('c.id', 'desc').limit(options.limit).execute();
}

/** Calls the user missed since they last looked at their missed calls. */
export async function missedCount(db: Kysely<Tables>, userId: string): Promise<number> {
  const seen = await db
    .selectFrom('user_presence')
    .select('missed_seen_at')
    .where('user_id', '=', userId)
    .executeTakeFirst();
  const row = await db
    .selectFrom('call_legs')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('user_id', '=', userId)
    .where('outcome', 'in', MISSED_OUTCOMES)
    .where('rang_at', '>', seen?.missed_seen_at ?? 0)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
