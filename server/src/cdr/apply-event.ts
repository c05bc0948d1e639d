// Folds LiveKit events into the call detail records, a batch at a time inside the caller's
// transaction: load the touched sessions (locked) and their legs, apply the events in memory,
// then write back only what changed, in a few set-wise statements. Every change is an upsert or
// a monotonic update, so duplicates change nothing and events may arrive in any order: any
// event of a room creates its session, any event of a participant creates its leg.
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DialectName } from '../db/database.js';
import type { Tables } from '../db/schema.js';
import { unhandled } from '../livekit/events.js';
import type { LivekitFacts, TrackSourceName } from '../livekit/facts.js';
import { fillLegOrigins } from './leg-origin.js';
import { peakConcurrency } from './peak.js';
import { loadLegs, loadSessions, writeLegs, writeSessions } from './cdr-store.js';
import type { CdrLegsTable, CdrSessionsTable } from './tables.js';

type Facts = LivekitFacts & { room: NonNullable<LivekitFacts['room']> };

export class CdrBatch {
  private sessions = new Map<string, CdrSessionsTable>();
  private sessionsById = new Map<string, CdrSessionsTable>();
  /** Room sids whose session this batch created. */
  private created = new Set<string>();
  /** Legs of the loaded sessions, by session id and participant sid. */
  private legs = new Map<string, CdrLegsTable>();
  private readonly changedSessions = new Set<CdrSessionsTable>();
  private readonly changedLegs = new Set<CdrLegsTable>();
  private readonly newLegs = new Set<CdrLegsTable>();
  private readonly metadataOf = new Map<CdrLegsTable, string>();

  constructor(
    private readonly trx: Kysely<Tables>,
    private readonly dialect: DialectName,
  ) {}

  /** Locks (creating if needed) the sessions of these events and reads their legs. */
  async load(events: readonly LivekitFacts[]): Promise<void> {
    const rooms = events.flatMap((f) => (f.room ? [f as Facts] : []));
    ({ sessions: this.sessions, created: this.created } = await loadSessions(this.trx, this.dialect, rooms));
    this.sessionsById = new Map([...this.sessions.values()].map((s) => [s.id, s]));
    const legs = await loadLegs(
      this.trx,
      [...this.sessions.values()].map((s) => s.id),
    );
    this.legs = new Map(legs.map((leg) => [`${leg.session_id}/${leg.participant_sid}`, leg]));
  }

  /** Applies one event in memory; returns its session, or null when it concerns no room. */
  apply(facts: LivekitFacts): CdrSessionsTable | null {
    if (!facts.room) return null;
    const session = this.sessions.get(facts.room.sid);
    if (!session) throw new Error(`CdrBatch.load() did not see room ${facts.room.sid}`);
    switch (facts.event) {
      case 'room_started':
        if (
          facts.room.createdAtMs !== null &&
          (facts.room.createdAtMs !== session.started_at || session.started_inferred === 1)
        ) {
          session.started_at = facts.room.createdAtMs;
          session.started_inferred = 0; // an event's time replaces the reconciler's guess
          this.changedSessions.add(session);
        }
        break;
      case 'room_finished':
        session.ended_at = facts.occurredAtMs;
        session.ended_inferred = 0;
        this.changedSessions.add(session);
        // Legs still open when the room closes end with it; a later participant_left refines them.
        for (const leg of this.legsOf(session)) {
          if (leg.left_at === null) this.change(leg, { left_at: facts.occurredAtMs });
        }
        break;
      case 'participant_joined':
      case 'participant_left':
      case 'track_published':
        this.applyToLeg(facts as Facts, session);
        break;
      // These do not change the records (an aborted connection never joined; unpublishing
      // keeps the source in the leg's list of what was shared).
      case 'participant_connection_aborted':
      case 'track_unpublished':
      case 'egress_started':
      case 'egress_updated':
      case 'egress_ended':
      case 'ingress_started':
      case 'ingress_ended':
      case 'other':
        break;
      default:
        return unhandled(facts.event);
    }
    return session;
  }

  /** The meetings this batch began: sessions it created that its events left open. A room's
   *  session is created once, by whichever event of it comes first (room_started, or the first
   *  join when that was lost or came earlier), so each meeting begins exactly once. */
  begun(): CdrSessionsTable[] {
    return [...this.created]
      .map((sid) => this.sessions.get(sid)!)
      .filter((session) => session.ended_at === null);
  }

  /** Writes every change of the batch; call once, before commit. */
  async finish(): Promise<void> {
    await fillLegOrigins(
      this.trx,
      [...this.newLegs],
      this.metadataOf,
      (leg) => this.sessionsById.get(leg.session_id)!.room_name,
    );
    await writeLegs(this.trx, [...this.changedLegs]);
    // Peaks come from all legs of the session, so they do not depend on the events' order.
    for (const session of this.changedSessions) {
      session.peak_participants = peakConcurrency(this.legsOf(session));
    }
    await writeSessions(this.trx, [...this.changedSessions]);
  }

  private applyToLeg(facts: Facts, session: CdrSessionsTable): void {
    const participant = facts.participant;
    if (!participant) return;
    const key = `${session.id}/${participant.sid}`;
    const leftAt = facts.event === 'participant_left' ? facts.occurredAtMs : null;
    const published: TrackSourceName[] =
      facts.event === 'track_published' && facts.track ? [facts.track.source] : [];
    const leg = this.legs.get(key);
    if (!leg) {
      const created: CdrLegsTable = {
        id: randomUUID(),
        session_id: session.id,
        participant_sid: participant.sid,
        identity: participant.identity,
        name: participant.name || participant.identity,
        role: null,
        joined_at: participant.joinedAtMs ?? facts.occurredAtMs,
        // A join that arrives after the room finished belongs to a leg that ended with it.
        left_at: leftAt ?? session.ended_at,
        address: null,
        user_agent: null,
        tracks: JSON.stringify(published),
        joined_inferred: 0,
        left_inferred: 0,
      };
      this.legs.set(key, created);
      this.newLegs.add(created);
      this.metadataOf.set(created, participant.metadata);
      this.change(created, {});
      return;
    }
    const tracks = mergeTracks(leg.tracks, published);
    // A leg the reconciler opened or closed takes the event's time when the event comes late.
    const joinedAt =
      leg.joined_inferred === 1 && participant.joinedAtMs !== null
        ? { joined_at: participant.joinedAtMs, joined_inferred: 0 }
        : {};
    if (leftAt !== null || tracks !== leg.tracks || 'joined_at' in joinedAt) {
      this.change(leg, {
        tracks,
        ...joinedAt,
        ...(leftAt !== null ? { left_at: leftAt, left_inferred: 0 } : {}),
      });
    }
  }

  private change(leg: CdrLegsTable, update: Partial<CdrLegsTable>): void {
    Object.assign(leg, update);
    this.changedLegs.add(leg);
    const session = this.sessionsById.get(leg.session_id);
    if (session && (update.left_at !== undefined || this.newLegs.has(leg))) this.changedSessions.add(session);
  }

  private legsOf(session: CdrSessionsTable): CdrLegsTable[] {
    return [...this.legs.values()].filter((leg) => leg.session_id === session.id);
  }
}

function mergeTracks(stored: string, added: TrackSourceName[]): string {
  const current = JSON.parse(stored) as TrackSourceName[];
  const missing = added.filter((source) => !current.includes(source));
  return missing.length === 0 ? stored : JSON.stringify([...current, ...missing].sort());
}
