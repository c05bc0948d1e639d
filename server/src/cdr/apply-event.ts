// Folds LiveKit events into the call detail records, a batch at a time inside the caller's
// transaction. Every step is an upsert or a monotonic update, so duplicates change nothing and
// events may arrive in any order: any event of a room creates its session, any event of a
// participant creates its leg. Peak concurrency is recomputed once per touched session.
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

export class CdrBatch {
  /** Sessions locked and read in this transaction, by room sid. */
  private readonly sessions = new Map<string, CdrSessionsTable>();
  private readonly peakStale = new Set<string>();

  constructor(
    private readonly trx: Kysely<Tables>,
    private readonly dialect: DialectName,
  ) {}

  /** Applies one event; returns its session, or null when it concerns no room. */
  async apply(facts: LivekitFacts): Promise<CdrSessionsTable | null> {
    if (!facts.room) return null;
    const withRoom = facts as Facts;
    const session = await this.session(withRoom);
    switch (facts.event) {
      case 'room_started':
        if (facts.room.createdAtMs !== null && facts.room.createdAtMs !== session.started_at) {
          session.started_at = facts.room.createdAtMs;
          await this.trx
            .updateTable('cdr_sessions')
            .set({ started_at: session.started_at })
            .where('id', '=', session.id)
            .execute();
        }
        break;
      case 'room_finished':
        session.ended_at = facts.createdAtMs;
        await this.trx
          .updateTable('cdr_sessions')
          .set({ ended_at: session.ended_at })
          .where('id', '=', session.id)
          .execute();
        // Legs still open when the room closes end with it; a later participant_left refines them.
        await this.trx
          .updateTable('cdr_legs')
          .set({ left_at: facts.createdAtMs })
          .where('session_id', '=', session.id)
          .where('left_at', 'is', null)
          .execute();
        this.peakStale.add(session.id);
        break;
      case 'participant_joined':
      case 'participant_left':
      case 'track_published':
        if (!facts.participant) break;
        if (await this.applyToLeg(withRoom, facts.participant, session)) this.peakStale.add(session.id);
        break;
      default:
        break; // other events (egress, ingress, unpublish) do not change the records
    }
    return session;
  }

  /** Recomputes peak concurrency of every session whose legs changed; call before commit. */
  async finish(): Promise<void> {
    for (const sessionId of this.peakStale) {
      const legs = await this.trx
        .selectFrom('cdr_legs')
        .select(['joined_at', 'left_at'])
        .where('session_id', '=', sessionId)
        .execute();
      await this.trx
        .updateTable('cdr_sessions')
        .set({ peak_participants: peakConcurrency(legs) })
        .where('id', '=', sessionId)
        .execute();
    }
    this.peakStale.clear();
  }

  private async session(facts: Facts): Promise<CdrSessionsTable> {
    const cached = this.sessions.get(facts.room.sid);
    if (cached) return cached;
    let session = await this.lockSession(facts.room.sid);
    if (!session) {
      await this.trx
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
      session = await this.lockSession(facts.room.sid);
      if (!session) throw new Error(`CDR session for ${facts.room.sid} vanished`);
    }
    this.sessions.set(facts.room.sid, session);
    return session;
  }

  private lockSession(roomSid: string): Promise<CdrSessionsTable | undefined> {
    let query = this.trx.selectFrom('cdr_sessions').selectAll().where('room_sid', '=', roomSid);
    // On PostgreSQL concurrent events of one room serialise here; SQLite already runs one writer.
    if (this.dialect === 'postgres') query = query.forUpdate();
    return query.executeTakeFirst();
  }

  /** Returns whether the leg's interval changed (which may change the peak). */
  private async applyToLeg(
    facts: Facts,
    participant: Participant,
    session: CdrSessionsTable,
  ): Promise<boolean> {
    const leg = await this.trx
      .selectFrom('cdr_legs')
      .select(['id', 'tracks'])
      .where('session_id', '=', session.id)
      .where('participant_sid', '=', participant.sid)
      .executeTakeFirst();
    const leftAt = facts.event === 'participant_left' ? facts.createdAtMs : null;
    const published: TrackSourceName[] =
      facts.event === 'track_published' && facts.track ? [facts.track.source] : [];

    if (!leg) {
      const joinedAt = participant.joinedAtMs ?? facts.createdAtMs;
      const origin = await legOrigin(this.trx, facts.room.name, participant, joinedAt);
      await this.trx
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
      return true;
    }
    const tracks = mergeTracks(leg.tracks, published);
    if (leftAt === null && tracks === leg.tracks) return false;
    await this.trx
      .updateTable('cdr_legs')
      .set({ tracks, ...(leftAt !== null ? { left_at: leftAt } : {}) })
      .where('id', '=', leg.id)
      .execute();
    return leftAt !== null;
  }
}

function mergeTracks(stored: string, added: TrackSourceName[]): string {
  const current = JSON.parse(stored) as TrackSourceName[];
  const missing = added.filter((source) => !current.includes(source));
  return missing.length === 0 ? stored : JSON.stringify([...current, ...missing].sort());
}
