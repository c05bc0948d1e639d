// What enforcement reads and writes: removals (per room and identity, until the meeting ends),
// when a room was locked, and who was in the meeting at a given time (from the call records).
import type { Kysely } from 'kysely';
import type { Tables } from '../db/schema.js';

export class EnforcementStore {
  constructor(private readonly db: Kysely<Tables>) {}

  async recordRemoval(roomId: string, identity: string, removedBy: string, now = Date.now()): Promise<void> {
    await this.db
      .insertInto('room_removals')
      .values({ room_id: roomId, identity, removed_at: now, removed_by: removedBy })
      .onConflict((oc) =>
        oc.columns(['room_id', 'identity']).doUpdateSet({ removed_at: now, removed_by: removedBy }),
      )
      .execute();
  }

  async isRemoved(roomId: string, identity: string): Promise<boolean> {
    const row = await this.db
      .selectFrom('room_removals')
      .select('identity')
      .where('room_id', '=', roomId)
      .where('identity', '=', identity)
      .executeTakeFirst();
    return row !== undefined;
  }

  /** The meeting ended: those removed before `endedAt` may come to the next one. */
  async clearRemovals(roomId: string, endedAt: number): Promise<void> {
    await this.db
      .deleteFrom('room_removals')
      .where('room_id', '=', roomId)
      .where('removed_at', '<=', endedAt)
      .execute();
  }

  async setLocked(roomId: string, locked: boolean, now = Date.now()): Promise<void> {
    if (!locked) {
      await this.db.deleteFrom('room_locks').where('room_id', '=', roomId).execute();
      return;
    }
    // Locking again keeps the first time: who was there then stays welcome.
    await this.db
      .insertInto('room_locks')
      .values({ room_id: roomId, locked_at: now })
      .onConflict((oc) => oc.column('room_id').doNothing())
      .execute();
  }

  async lockedAt(roomId: string): Promise<number | null> {
    const row = await this.db
      .selectFrom('room_locks')
      .select('locked_at')
      .where('room_id', '=', roomId)
      .executeTakeFirst();
    return row?.locked_at ?? null;
  }

  /** Whether `identity` was in the room's meeting at `at`, by the call records. */
  async wasPresent(roomId: string, identity: string, at: number): Promise<boolean> {
    const row = await this.db
      .selectFrom('cdr_legs as l')
      .innerJoin('cdr_sessions as s', 's.id', 'l.session_id')
      .select('l.id')
      .where('s.room_name', '=', roomId)
      .where('l.identity', '=', identity)
      .where('l.joined_at', '<=', at)
      .where((eb) => eb.or([eb('l.left_at', 'is', null), eb('l.left_at', '>=', at)]))
      .executeTakeFirst();
    return row !== undefined;
  }

  /** Whether the app server minted a token for `identity` in this room at or after `since`. */
  async admittedSince(roomId: string, identity: string, since: number): Promise<boolean> {
    const row = await this.db
      .selectFrom('join_tokens_issued')
      .select('id')
      .where('room_id', '=', roomId)
      .where('identity', '=', identity)
      .where('issued_at', '>=', since)
      .executeTakeFirst();
    return row !== undefined;
  }
}
