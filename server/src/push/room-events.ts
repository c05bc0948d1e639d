// Events about rooms for the people who belong to them: a knock at the waiting room (to its
// hosts), a meeting that started (to the owner and members). Call rooms have their own events.
import type { FastifyBaseLogger } from 'fastify';
import type { Kysely } from 'kysely';
import type { PushEvent } from '../../../common/push.js';
import type { Tables } from '../db/schema.js';
import type { PushHub, PushOutbox, PushTransact } from './hub.js';

/** How the writers of call records (webhook ingest, reconciler) announce meetings that began:
 *  inside their own transaction, run by the push hub, so the event is stored exactly when the
 *  meeting's record is, and is gone with it if that transaction fails. */
export interface MeetingStartPush {
  transact: PushTransact;
  started(trx: Kysely<Tables>, outbox: PushOutbox, roomIds: readonly string[]): Promise<void>;
}

export class RoomEvents implements MeetingStartPush {
  readonly transact: PushTransact;

  constructor(
    private readonly db: Kysely<Tables>,
    private readonly hub: PushHub,
    private readonly log: FastifyBaseLogger,
  ) {
    this.transact = (work) => hub.transact(work);
  }

  /** The owner and members of a room (only its hosts with `hostsOnly`). */
  async peopleOf(roomId: string, hostsOnly = false): Promise<string[]> {
    const room = await this.db
      .selectFrom('rooms')
      .select('owner_id')
      .where('id', '=', roomId)
      .executeTakeFirst();
    if (!room) return [];
    let members = this.db.selectFrom('room_members').select('user_id').where('room_id', '=', roomId);
    if (hostsOnly) members = members.where('role', '=', 'host');
    return [...new Set([room.owner_id, ...(await members.execute()).map((m) => m.user_id)])];
  }

  knock(roomId: string, requestId: string, displayName: string): void {
    this.send(this.peopleOf(roomId, true), { type: 'waiting.knock', roomId, requestId, displayName });
  }

  /** "Meeting started" to the owner and members of each of these rooms (LiveKit room names are
   *  room ids); rooms of calls, and names that are no room of ours, are skipped. */
  async started(trx: Kysely<Tables>, outbox: PushOutbox, roomIds: readonly string[]): Promise<void> {
    if (roomIds.length === 0) return;
    const rooms = await trx
      .selectFrom('rooms')
      .select(['id', 'title', 'owner_id'])
      .where('id', 'in', roomIds)
      .where(({ exists, not, selectFrom }) =>
        not(exists(selectFrom('calls').select('calls.id').whereRef('calls.room_id', '=', 'rooms.id'))),
      )
      .orderBy('id')
      .execute();
    if (rooms.length === 0) return;
    const members = await trx
      .selectFrom('room_members')
      .select(['room_id', 'user_id'])
      .where(
        'room_id',
        'in',
        rooms.map((r) => r.id),
      )
      .execute();
    for (const room of rooms) {
      const people = [room.owner_id, ...members.filter((m) => m.room_id === room.id).map((m) => m.user_id)];
      outbox.push([...new Set(people)], { type: 'meeting.started', roomId: room.id, title: room.title });
    }
  }

  /** Recording indicators (published by the recording area): to the room's people. */
  recordingChanged(roomId: string, recording: boolean, by: string | null): void {
    this.send(this.peopleOf(roomId), { type: 'recording.changed', roomId, recording, by });
  }

  private send(users: Promise<string[]>, event: PushEvent): void {
    users
      .then((ids) => (ids.length ? this.hub.publish(ids, event) : undefined))
      .catch((err: unknown) => this.log.warn({ err, type: event.type }, 'push: a room event was not sent'));
  }
}
