// Events about rooms for the people who belong to them: a knock at the waiting room (to its
// hosts), a meeting that started (to the owner and members). Call rooms have their own events.
import type { FastifyBaseLogger } from 'fastify';
import type { Kysely } from 'kysely';
import type { PushEvent } from '../../../common/push.js';
import type { Tables } from '../db/schema.js';
import type { PushHub } from './hub.js';

export class RoomEvents {
  constructor(
    private readonly db: Kysely<Tables>,
    private readonly hub: PushHub,
    private readonly log: FastifyBaseLogger,
  ) {}

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

  meetingStarted(roomId: string): void {
    this.startedNotice(roomId).catch((err: unknown) =>
      this.log.warn({ err }, 'push: the meeting-started event was not sent'),
    );
  }

  private async startedNotice(roomId: string): Promise<void> {
    const call = await this.db
      .selectFrom('calls')
      .select('id')
      .where('room_id', '=', roomId)
      .executeTakeFirst();
    const room = await this.db
      .selectFrom('rooms')
      .select('title')
      .where('id', '=', roomId)
      .executeTakeFirst();
    if (call || !room) return;
    this.send(this.peopleOf(roomId), { type: 'meeting.started', roomId, title: room.title });
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
