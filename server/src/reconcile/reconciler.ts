// Call records that survive outages. Webhooks can be lost (LiveKit retries for ~15 s, then drops
// an event) and a LiveKit crash sends no room_finished at all. So at start-up and periodically
// the reconciler compares the open sessions and legs with what LiveKit reports: what LiveKit no
// longer has is closed at the time of the pass, what it has and the records lack is opened with
// LiveKit's own start and join times, and every time it sets this way is marked inferred
// (started/ended/joined/left_inferred). A late event still wins: its time replaces the guess.
//
// Order matters: the records are read before LiveKit is asked, so a session or leg created in
// between is not judged by a LiveKit answer older than it. Every close is conditional on the
// record still being open, so a webhook that closed it meanwhile keeps its real time.
// What LiveKit began or let in during the last few seconds is left to its webhook (see settledBy).
// A session it opens is a meeting whose start no webhook told: its people hear "meeting started"
// then, in the same transaction (each session is created once, by it or by the ingest).
import { randomUUID } from 'node:crypto';
import type { FastifyBaseLogger } from 'fastify';
import type { Kysely } from 'kysely';
import { fillLegOrigins } from '../cdr/leg-origin.js';
import { peakConcurrency } from '../cdr/peak.js';
import type { CdrLegsTable, CdrSessionsTable } from '../cdr/tables.js';
import type { Tables } from '../db/schema.js';
import type { MeetingStartPush } from '../push/room-events.js';
import { readLiveKit, settledBy, type LiveRoom, type RoomLister } from './livekit-view.js';

export interface ReconcileReport {
  closedSessions: number;
  closedLegs: number;
  openedSessions: number;
  openedLegs: number;
}

/** How long a webhook gets to tell of a room or participant before the reconciler does. */
export const WEBHOOK_GRACE_MS = 5000;

export class Reconciler {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<unknown> | undefined;

  constructor(
    private readonly db: Kysely<Tables>,
    private readonly livekit: RoomLister,
    private readonly log: FastifyBaseLogger,
    private readonly intervalMs: number,
    private readonly push: MeetingStartPush,
  ) {}

  /** One pass now, then one every interval; passes never overlap. */
  start(): void {
    const tick = () => {
      this.running ??= this.runOnce()
        .catch((err: unknown) => this.log.warn({ err }, 'reconciliation pass failed'))
        .finally(() => (this.running = undefined));
    };
    tick();
    this.timer = setInterval(tick, this.intervalMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  /** Returns null when LiveKit could not be reached (nothing is changed then). */
  async runOnce(now = Date.now()): Promise<ReconcileReport | null> {
    const openSessions = await this.db
      .selectFrom('cdr_sessions')
      .selectAll()
      .where('ended_at', 'is', null)
      .execute();
    const openLegs = await this.db.selectFrom('cdr_legs').selectAll().where('left_at', 'is', null).execute();
    let live: Map<string, LiveRoom>;
    try {
      live = await readLiveKit(this.livekit);
    } catch (err) {
      this.log.warn({ err }, 'LiveKit unreachable: reconciliation skipped');
      return null;
    }
    const report: ReconcileReport = { closedSessions: 0, closedLegs: 0, openedSessions: 0, openedLegs: 0 };
    const sessionOf = new Map(openSessions.map((s) => [s.id, s]));

    for (const session of openSessions) {
      if (live.has(session.room_sid)) continue;
      report.closedLegs += await this.closeLegs(session.id, now);
      const closed = await this.db
        .updateTable('cdr_sessions')
        .set({ ended_at: now, ended_inferred: 1 })
        .where('id', '=', session.id)
        .where('ended_at', 'is', null)
        .executeTakeFirst();
      report.closedSessions += Number(closed.numUpdatedRows);
    }
    for (const leg of openLegs) {
      const session = sessionOf.get(leg.session_id);
      const room = session ? live.get(session.room_sid) : undefined;
      if (!room || room.participants.some((p) => p.sid === leg.participant_sid)) continue;
      report.closedLegs += await this.closeLegs(leg.session_id, now, leg.id);
    }
    for (const room of live.values()) {
      const settled = settledBy(room, now - WEBHOOK_GRACE_MS);
      if (!settled) continue;
      const opened = await this.openMissing(settled, now);
      report.openedSessions += opened.session;
      report.openedLegs += opened.legs;
    }
    if (Object.values(report).some((n) => n > 0))
      this.log.info(report, 'reconciled call records with LiveKit');
    return report;
  }

  /** Closes the open legs of a session (or just one) at `now`, marked inferred. */
  private async closeLegs(sessionId: string, now: number, legId?: string): Promise<number> {
    let query = this.db
      .updateTable('cdr_legs')
      .set({ left_at: now, left_inferred: 1 })
      .where('session_id', '=', sessionId)
      .where('left_at', 'is', null);
    if (legId) query = query.where('id', '=', legId);
    const result = await query.executeTakeFirst();
    return Number(result.numUpdatedRows);
  }

  /** Opens the session and the legs LiveKit has and the records lack; a time LiveKit did not
   *  give is `now`, the time of the pass. */
  private async openMissing(room: LiveRoom, now: number): Promise<{ session: number; legs: number }> {
    return this.push.transact(async (trx, outbox) => {
      const inserted = await trx
        .insertInto('cdr_sessions')
        .values({
          id: randomUUID(),
          room_sid: room.sid,
          room_name: room.name,
          started_at: room.startedAtMs ?? now,
          ended_at: null,
          peak_participants: 0,
          started_inferred: 1,
          ended_inferred: 0,
        })
        .onConflict((oc) => oc.column('room_sid').doNothing())
        .executeTakeFirst();
      const opened = Number(inserted.numInsertedOrUpdatedRows ?? 0n);
      if (opened > 0) await this.push.started(trx, outbox, [room.name]);
      const session = await trx
        .selectFrom('cdr_sessions')
        .selectAll()
        .where('room_sid', '=', room.sid)
        .executeTakeFirstOrThrow();
      const legs = await trx
        .selectFrom('cdr_legs')
        .selectAll()
        .where('session_id', '=', session.id)
        .execute();
      const known = new Set(legs.map((l) => l.participant_sid));
      const missing = room.participants.filter((p) => !known.has(p.sid));
      if (missing.length > 0) await this.insertLegs(trx, session, missing, [...legs], now);
      return { session: opened, legs: missing.length };
    });
  }

  private async insertLegs(
    trx: Kysely<Tables>,
    session: CdrSessionsTable,
    participants: LiveRoom['participants'],
    existing: CdrLegsTable[],
    now: number,
  ): Promise<void> {
    const metadataOf = new Map<CdrLegsTable, string>();
    const legs = participants.map((p) => {
      const leg: CdrLegsTable = {
        id: randomUUID(),
        session_id: session.id,
        participant_sid: p.sid,
        identity: p.identity,
        name: p.name || p.identity,
        role: null,
        joined_at: p.joinedAtMs ?? now,
        left_at: null,
        address: null,
        user_agent: null,
        tracks: '[]',
        joined_inferred: 1,
        left_inferred: 0,
      };
      metadataOf.set(leg, p.metadata);
      return leg;
    });
    await fillLegOrigins(trx, legs, metadataOf, () => session.room_name);
    await trx
      .insertInto('cdr_legs')
      .values(legs)
      .onConflict((oc) => oc.columns(['session_id', 'participant_sid']).doNothing())
      .execute();
    await trx
      .updateTable('cdr_sessions')
      .set({ peak_participants: peakConcurrency([...existing, ...legs]) })
      .where('id', '=', session.id)
      .execute();
  }
}
