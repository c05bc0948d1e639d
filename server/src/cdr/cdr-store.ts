// The set-wise reads and writes behind CdrBatch: a handful of statements per batch of events,
// whatever its size, because on PostgreSQL each statement is a network round trip.
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DialectName } from '../db/database.js';
import type { Tables } from '../db/schema.js';
import type { LivekitFacts } from '../livekit/facts.js';
import type { CdrLegsTable, CdrSessionsTable } from './tables.js';

type RoomFacts = LivekitFacts & { room: NonNullable<LivekitFacts['room']> };
const CHUNK = 500;

export interface LoadedSessions {
  /** Keyed by room sid. */
  sessions: Map<string, CdrSessionsTable>;
  /** The room sids whose session this call created (none existed before it). */
  created: Set<string>;
}

/** Locks the sessions of these rooms, creating the missing ones. */
export async function loadSessions(
  trx: Kysely<Tables>,
  dialect: DialectName,
  events: readonly RoomFacts[],
): Promise<LoadedSessions> {
  const firstOfRoom = new Map<string, RoomFacts>();
  for (const e of events) if (!firstOfRoom.has(e.room.sid)) firstOfRoom.set(e.room.sid, e);
  const created = new Set<string>();
  if (firstOfRoom.size === 0) return { sessions: new Map(), created };
  const sids = [...firstOfRoom.keys()].sort();
  const select = () => {
    const query = trx
      .selectFrom('cdr_sessions')
      .selectAll()
      .where('room_sid', 'in', sids)
      .orderBy('room_sid');
    // PostgreSQL: lock in room order, so concurrent batches never wait on each other in a cycle.
    return (dialect === 'postgres' ? query.forUpdate() : query).execute();
  };
  let rows = await select();
  if (rows.length < sids.length) {
    const known = new Set(rows.map((r) => r.room_sid));
    const missing = sids.filter((sid) => !known.has(sid)).map((sid) => firstOfRoom.get(sid)!);
    // Only one transaction can insert a room's session (a concurrent one waits on the unique key,
    // then finds it there), so "created" is true for exactly one of them.
    const inserted = await trx
      .insertInto('cdr_sessions')
      .values(
        missing.map((e) => ({
          id: randomUUID(),
          room_sid: e.room.sid,
          room_name: e.room.name,
          started_at: e.room.createdAtMs ?? e.occurredAtMs,
          ended_at: null,
          peak_participants: 0,
          started_inferred: 0,
          ended_inferred: 0,
        })),
      )
      .onConflict((oc) => oc.column('room_sid').doNothing())
      .returning('room_sid')
      .execute();
    for (const row of inserted) created.add(row.room_sid);
    rows = await select();
  }
  return { sessions: new Map(rows.map((r) => [r.room_sid, r])), created };
}

export async function loadLegs(trx: Kysely<Tables>, sessionIds: readonly string[]): Promise<CdrLegsTable[]> {
  if (sessionIds.length === 0) return [];
  return trx.selectFrom('cdr_legs').selectAll().where('session_id', 'in', sessionIds).execute();
}

/** Inserts new legs and updates changed ones in one upsert per chunk. */
export async function writeLegs(trx: Kysely<Tables>, legs: readonly CdrLegsTable[]): Promise<void> {
  for (let i = 0; i < legs.length; i += CHUNK) {
    await trx
      .insertInto('cdr_legs')
      .values(legs.slice(i, i + CHUNK))
      .onConflict((oc) =>
        oc.columns(['session_id', 'participant_sid']).doUpdateSet((eb) => ({
          joined_at: eb.ref('excluded.joined_at'),
          left_at: eb.ref('excluded.left_at'),
          tracks: eb.ref('excluded.tracks'),
          joined_inferred: eb.ref('excluded.joined_inferred'),
          left_inferred: eb.ref('excluded.left_inferred'),
        })),
      )
      .execute();
  }
}

export async function writeSessions(
  trx: Kysely<Tables>,
  sessions: readonly CdrSessionsTable[],
): Promise<void> {
  for (let i = 0; i < sessions.length; i += CHUNK) {
    await trx
      .insertInto('cdr_sessions')
      .values(sessions.slice(i, i + CHUNK))
      .onConflict((oc) =>
        oc.column('room_sid').doUpdateSet((eb) => ({
          started_at: eb.ref('excluded.started_at'),
          ended_at: eb.ref('excluded.ended_at'),
          peak_participants: eb.ref('excluded.peak_participants'),
          started_inferred: eb.ref('excluded.started_inferred'),
          ended_inferred: eb.ref('excluded.ended_inferred'),
        })),
      )
      .execute();
  }
}
