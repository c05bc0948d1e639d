// Whether participants other than the hosts may record a room locally (issue 10). Existing rooms
// keep allowing it, as they did before the setting existed.
import type { Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';

export const m006RoomRecording: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .alterTable('rooms')
      .addColumn('allow_recording', 'integer', (c) => c.notNull().defaultTo(1))
      .execute();
  },
};
