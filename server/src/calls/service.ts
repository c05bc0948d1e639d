// Calls between colleagues. Placing a call creates a one-time room whose members are the people
// in it, and rings each callee over the push channel on every device. A leg leaves 'ringing'
// exactly once, by a compare-and-set update, so answering on two devices, a decline racing the
// timeout, or two app server instances settling the same leg all have one winner. Each
// transition commits with its push events and webhooks (PushHub.transact).
import { randomBytes, randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { CallOutcome, CallView } from '../../../common/calls.js';
import type { AuthUser } from '../auth/plugin.js';
import type { Tables } from '../db/schema.js';
import { AppError } from '../errors.js';
import type { PeopleStore, PresenceState } from '../people/store.js';
import type { PushHub, PushOutbox } from '../push/hub.js';
import { enqueueMessage } from '../webhooks-out/enqueue.js';
import { callMissed, callStarted } from './messages.js';
import { loadCall, loadLegs, missedCount, partyIds, viewOf } from './store.js';
import type { CallLegsTable, CallsTable } from './tables.js';

export interface CallServiceOptions {
  ringTimeoutMs: number;
  /** Nudges the webhook dispatcher after a commit that queued messages. */
  onWebhookQueued: () => void;
}

type Ended = Exclude<CallOutcome, 'ringing'>;

export class CallService {
  constructor(
    private readonly db: Kysely<Tables>,
    private readonly hub: PushHub,
    private readonly people: PeopleStore,
    private readonly options: CallServiceOptions,
  ) {}

  async place(caller: AuthUser, calleeIds: readonly string[], video: boolean): Promise<CallView> {
    const unique = [...new Set(calleeIds)].filter((id) => id !== caller.id);
    if (unique.length === 0) throw new AppError('VALIDATION', 'Call someone other than yourself.');
    const callees = await this.activeUsers(unique);
    const now = Date.now();
    const call: CallsTable = {
      id: randomUUID(),
      room_id: randomUUID(),
      caller_id: caller.id,
      video: video ? 1 : 0,
      created_at: now,
      answered_at: null,
    };
    // Read outside the transaction: SQLite has one connection, which the transaction holds.
    const presence = await this.people.presenceOf(unique);
    const title = `Call: ${caller.displayName}, ${callees.map((c) => c.display_name).join(', ')}`.slice(
      0,
      120,
    );
    return this.hub.transact(async (trx, outbox) => {
      await trx
        .insertInto('rooms')
        .values({
          id: call.room_id,
          slug: `call-${randomBytes(6).toString('hex')}`,
          title,
          owner_id: caller.id,
          kind: 'one-time',
          starts_at: null,
          ends_at: null,
          max_participants: null,
          locked: 0,
          allow_recording: 1,
          waiting_room: 0,
          created_at: now,
        })
        .execute();
      await trx.insertInto('calls').values(call).execute();
      await this.ring(
        trx,
        outbox,
        call,
        caller.id,
        presence,
        callees.map((c) => c.id),
        now,
      );
      return this.announce(trx, outbox, call);
    });
  }

  /** Anyone in the call (the caller, or a callee who answered) adds a colleague, rung the same way. */
  async add(callId: string, user: AuthUser, calleeId: string): Promise<CallView> {
    const [callee] = await this.activeUsers([calleeId]);
    const presence = await this.people.presenceOf([calleeId]);
    return this.hub.transact(async (trx, outbox) => {
      const { call, legs } = await this.callFor(trx, callId, user);
      const mine = legs.find((l) => l.user_id === user.id);
      if (call.caller_id !== user.id && mine?.outcome !== 'answered') {
        throw new AppError('FORBIDDEN', 'Only someone in the call can add people to it.');
      }
      if (
        callee!.id === call.caller_id ||
        legs.some((l) => l.user_id === callee!.id && l.outcome === 'ringing')
      ) {
        throw new AppError('CONFLICT', `${callee!.display_name} is already in this call.`);
      }
      // Someone rung before (declined, missed) is rung again: their old leg is replaced.
      await trx
        .deleteFrom('call_legs')
        .where('call_id', '=', call.id)
        .where('user_id', '=', callee!.id)
        .execute();
      await this.ring(trx, outbox, call, user.id, presence, [callee!.id], Date.now());
      return this.announce(trx, outbox, call);
    });
  }

  answer(callId: string, user: AuthUser): Promise<CallView> {
    return this.end(callId, user, 'answered', null);
  }

  decline(callId: string, user: AuthUser, message: string | null): Promise<CallView> {
    return this.end(callId, user, 'declined', message);
  }

  /** The caller stops ringing everyone who has not answered yet. */
  async cancel(callId: string, user: AuthUser): Promise<CallView> {
    return this.hub.transact(async (trx, outbox) => {
      const { call, legs } = await this.callFor(trx, callId, user);
      if (call.caller_id !== user.id) throw new AppError('FORBIDDEN', 'Only the caller can cancel the call.');
      for (const leg of legs) await this.settle(trx, outbox, call, leg, 'cancelled', null, Date.now());
      return this.announce(trx, outbox, call);
    });
  }

  async view(callId: string, user: AuthUser): Promise<CallView> {
    const { call } = await this.callFor(this.db, callId, user);
    return viewOf(this.db, call);
  }

  /** Legs whose ring time is over become missed (or busy, if they rang silently in a meeting). */
  async settleDue(now = Date.now()): Promise<number> {
    const due = await this.db
      .selectFrom('call_legs')
      .selectAll()
      .where('outcome', '=', 'ringing')
      .where('ring_deadline', '<=', now)
      .limit(100)
      .execute();
    let settled = 0;
    for (const leg of due) {
      settled += await this.hub.transact(async (trx, outbox) => {
        const call = await loadCall(trx, leg.call_id);
        if (!call) return 0;
        const won = await this.settle(trx, outbox, call, leg, leg.silent ? 'busy' : 'missed', null, now);
        if (won) await this.announce(trx, outbox, call);
        return won ? 1 : 0;
      });
    }
    return settled;
  }

  private async end(
    callId: string,
    user: AuthUser,
    outcome: 'answered' | 'declined',
    message: string | null,
  ) {
    return this.hub.transact(async (trx, outbox) => {
      const { call, legs } = await this.callFor(trx, callId, user);
      const leg = legs.find((l) => l.user_id === user.id);
      if (!leg) throw new AppError('FORBIDDEN', 'This call did not ring for you.');
      // Answering again on a second device after answering on the first just lets it join.
      if (leg.outcome === outcome && outcome === 'answered') return viewOf(trx, call);
      if (!(await this.settle(trx, outbox, call, leg, outcome, message, Date.now()))) {
        throw new AppError('CONFLICT', 'This call is no longer ringing.', { outcome: leg.outcome });
      }
      return this.announce(trx, outbox, call);
    });
  }

  /** Moves one leg out of 'ringing' if it still is; false when another transition won. */
  private async settle(
    trx: Kysely<Tables>,
    outbox: PushOutbox,
    call: CallsTable,
    leg: CallLegsTable,
    outcome: Ended,
    message: string | null,
    now: number,
  ): Promise<boolean> {
    const result = await trx
      .updateTable('call_legs')
      .set({ outcome, ring_ended_at: now, message })
      .where('call_id', '=', leg.call_id)
      .where('user_id', '=', leg.user_id)
      .where('outcome', '=', 'ringing')
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) !== 1) return false;
    outbox.push(leg.user_id, { type: 'call.stopped', callId: call.id, outcome });
    if (outcome === 'answered') {
      const first = await trx
        .updateTable('calls')
        .set({ answered_at: now })
        .where('id', '=', call.id)
        .where('answered_at', 'is', null)
        .executeTakeFirst();
      if (Number(first.numUpdatedRows) === 1)
        await this.webhook(trx, outbox, callStarted(call, leg.user_id, now));
    } else if (outcome === 'missed' || outcome === 'busy') {
      await this.webhook(trx, outbox, callMissed(call, { ...leg, outcome }, now));
      outbox.push(leg.user_id, { type: 'calls.missed', count: await missedCount(trx, leg.user_id) });
    }
    return true;
  }

  /** Adds legs for the callees and rings them; do-not-disturb becomes a missed call at once. */
  private async ring(
    trx: Kysely<Tables>,
    outbox: PushOutbox,
    call: CallsTable,
    invitedBy: string,
    presence: ReadonlyMap<string, PresenceState>,
    calleeIds: readonly string[],
    now: number,
  ): Promise<void> {
    const legs: CallLegsTable[] = calleeIds.map((userId) => ({
      call_id: call.id,
      user_id: userId,
      invited_by: invitedBy,
      outcome: 'ringing',
      silent: presence.get(userId)?.inMeeting ? 1 : 0,
      rang_at: now,
      ring_deadline: now + this.options.ringTimeoutMs,
      ring_ended_at: null,
      message: null,
    }));
    await trx.insertInto('call_legs').values(legs).execute();
    await trx
      .insertInto('room_members')
      .values(
        calleeIds.map((userId) => ({ room_id: call.room_id, user_id: userId, role: 'participant' as const })),
      )
      .onConflict((oc) => oc.columns(['room_id', 'user_id']).doNothing())
      .execute();
    const view = await viewOf(trx, call);
    for (const leg of legs) {
      if (presence.get(leg.user_id)?.status === 'dnd') {
        await this.settle(trx, outbox, call, leg, 'missed', null, now);
        continue;
      }
      outbox.push(leg.user_id, {
        type: 'call.ringing',
        ring: {
          callId: call.id,
          roomId: call.room_id,
          caller: view.caller,
          others: view.parties.filter((p) => p.id !== leg.user_id).map((p) => p.displayName),
          video: call.video === 1,
          silent: leg.silent === 1,
          expiresAt: new Date(leg.ring_deadline).toISOString(),
        },
      });
    }
  }

  /** Tells everyone in the call how it stands now; returns that view. */
  private async announce(trx: Kysely<Tables>, outbox: PushOutbox, call: CallsTable): Promise<CallView> {
    const fresh = (await loadCall(trx, call.id)) ?? call;
    const view = await viewOf(trx, fresh);
    outbox.push(partyIds(fresh, await loadLegs(trx, [call.id])), { type: 'call.updated', call: view });
    return view;
  }

  private async webhook(
    trx: Kysely<Tables>,
    outbox: PushOutbox,
    message: Parameters<typeof enqueueMessage>[1],
  ) {
    if ((await enqueueMessage(trx, message, Date.now())) > 0)
      outbox.afterCommit(this.options.onWebhookQueued);
  }

  /** The call and its legs, if the user is in it (else 404, so ids reveal nothing). */
  private async callFor(db: Kysely<Tables>, callId: string, user: AuthUser) {
    const call = await loadCall(db, callId);
    const legs = call ? await loadLegs(db, [call.id]) : [];
    if (!call || !(user.isAdmin || partyIds(call, legs).includes(user.id))) {
      throw new AppError('NOT_FOUND', 'No such call.');
    }
    return { call, legs };
  }

  private async activeUsers(ids: readonly string[]) {
    const rows = await this.db
      .selectFrom('users')
      .select(['id', 'display_name'])
      .where('id', 'in', ids)
      .where('disabled', '=', 0)
      .execute();
    if (rows.length !== ids.length) throw new AppError('NOT_FOUND', 'Some of those people are not known.');
    return ids.map((id) => rows.find((r) => r.id === id)!);
  }
}
