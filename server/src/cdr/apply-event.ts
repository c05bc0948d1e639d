// Folds one LiveKit event into the call detail records. Every step is an upsert or a
// monotonic update, so duplicates change nothing and events may arrive in any order: any event
// of a room creates its session, any event of a participant creates its leg.
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DialectName } from '../db/database.js';
import type { Tables } from '../db/schema.js';
import type { LivekitFacts, TrackSourceName } from '../webhooks-in/facts.js';
import { legOrigin } from './leg-origin.js';
import { peakConcurrency } from './peak.js';
import type { CdrSessionsTable } from './tables.js';

type Facts = LivekitFacts & { room: NonNullable<LivekitFacts['room']> };
type Participant = NonNullable<LivekitFacts['participant']>;

/** Returns the session the event belongs to, or null when it concerns no room. */
export async function applyToCdr(
  trx: Kysely<Tables>,
  dialect: DialectName,
  facts: LivekitFacts,
): Promise<CdrSessionsTable | null> {
  if (!facts.room) return null;
  const withRoom = facts as Facts;
  const session = await lockSession(trx, dialect, withRoom);
  switch (facts.event) {
    case 'room_started':
      if (facts.room.createdAtMs !== null && facts.room.createdAtMs !== session.started_at) {
        await trx
          .updateTable('cdr_sessions')
          .set({ started_at: facts.room.createdAtMs })
          .where('id', '=', session.id)
          .execute();
      }
      break;
    case 'room_finished':
      await trx
        .updateTable('cdr_sessions')
        .set({ ended_at: facts.createdAtMs })
        .where('id', '=', session.id)
        .execute();
      // Legs still open when the room closes end with it; a later participant_left refines them.
      await trx
        .updateTable('cdr_legs')
        .set({ left_at: facts.createdAtMs })
        .where('session_id', '=', session.id)
        .where('left_at', 'is', null)
        .execute();
      await updatePeak(trx, session.id);
      break;
    case 'participant_joined':
    case 'participant_left':
    case 'track_published':
      if (!facts.participant) break;
      await applyToLeg(trx, withRoom, facts.participant, session);
      await updatePeak(trx, session.id);
      break;
    default:
      break; // other events (egress, ingress, unpublish) do not change the records
  }
  return session;
}

async function lockSession(trx: Kysely<Tables>, dialect: DialectName, facts: Facts) {
  await trx
    .insertInto('cdr_sessions')
    .values({
      id: randomUUID(),
      room_sid: facts.room.sid,
      room_name: facts.room.name,
      started_at: facts.room.createdAtMs ?? facts.createdAtMs,
      ended_at: null,
      peak_participants: 0,
    })
    .onConflict((oc) => oc.column('room_sid').doNothing())
    .execute();
  let query = trx.selectFrom('cdr_sessions').selectAll().where('room_sid', '=', facts.room.sid);
  // On PostgreSQL concurrent events of one room serialise here; SQLite already runs one writer.
  if (dialect === 'postgres') query = query.forUpdate();
  return query.executeTakeFirstOrThrow();
}

async function applyToLeg(
  trx: Kysely<Tables>,
  facts: Facts,
  participant: Participant,
  session: CdrSessionsTable,
): Promise<void> {
  const leg = await trx
    .selectFrom('cdr_legs')
    .select(['id', 'left_at', 'tracks'])
    .where('session_id', '=', session.id)
    .where('participant_sid', '=', participant.sid)
    .executeTakeFirst();
  const leftAt = facts.event === 'participant_left' ? facts.createdAtMs : null;
  const published: TrackSourceName[] =
    facts.event === 'track_published' && facts.track ? [facts.track.source] : [];

  if (!leg) {
    const joinedAt = participant.joinedAtMs ?? facts.createdAtMs;
    const origin = await legOrigin(
      trx,
      facts.room.name,
      participant.identity,
      participant.metadata,
      joinedAt,
    );
    await trx
      .insertInto('cdr_legs')
      .values({
        id: randomUUID(),
        session_id: session.id,
        participant_sid: participant.sid,
        identity: participant.identity,
        name: participant.name || participant.identity,
        role: origin.role,
        joined_at: joinedAt,
        // A join that arrives after the room finished belongs to a leg that ended with it.
        left_at: leftAt ?? session.ended_at,
        address: origin.address,
        user_agent: origin.userAgent,
        tracks: JSON.stringify(published),
      })
      .execute();
    return;
  }
  const tracks = mergeTracks(leg.tracks, published);
  if (leftAt === null && tracks === leg.tracks) return;
  await trx
    .updateTable('cdr_legs')
    .set({ tracks, ...(leftAt !== null ? { left_at: leftAt } : {}) })
    .where('id', '=', leg.id)
    .execute();
}

function mergeTracks(stored: string, added: TrackSourceName[]): string {
  const current = JSON.parse(stored) as TrackSourceName[];
  const missing = added.filter((source) => !current.includes(source));
  return missing.length === 0 ? stored : JSON.stringify([...current, ...missing].sort());
}

async function updatePeak(trx: Kysely<Tables>, sessionId: string): Promise<void> {
  const legs = await trx
    .selectFrom('cdr_legs')
    .select(['joined_at', 'left_at'])
    .where('session_id', '=', sessionId)
    .execute();
  await trx
    .updateTable('cdr_sessions')
    .set({ peak_participants: peakConcurrency(legs) })
    .where('id', '=', sessionId)
    .execute();
}
