// Enforcement and reconciliation: who a host removed from a meeting, since when a room is
// locked, and which call-record times the reconciler inferred instead of learning from an event.
import type { Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';

export const m005RemovalsInferred: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('room_removals')
      .addColumn('room_id', 'text', (c) => c.notNull())
      .addColumn('identity', 'text', (c) => c.notNull())
      .addColumn('removed_at', 'bigint', (c) => c.notNull())
      .addColumn('removed_by', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('room_removals_pk', ['room_id', 'identity'])
      .execute();
    await db.schema
      .createTable('room_locks')
      .addColumn('room_id', 'text', (c) => c.primaryKey())
      .addColumn('locked_at', 'bigint', (c) => c.notNull())
      .execute();
    for (const column of ['started_inferred', 'ended_inferred']) {
      await db.schema
        .alterTable('cdr_sessions')
        .addColumn(column, 'integer', (c) => c.notNull().defaultTo(0))
        .execute();
    }
    for (const column of ['joined_inferred', 'left_inferred']) {
      await db.schema
        .alterTable('cdr_legs')
        .addColumn(column, 'integer', (c) => c.notNull().defaultTo(0))
        .execute();
    }
    // The reconciler looks up open sessions on every pass.
    await db.schema.createIndex('cdr_sessions_open').on('cdr_sessions').column('ended_at').execute();
  },
  async down(db: Kysely<unknown>) {
    await db.schema.dropIndex('cdr_sessions_open').execute();
    for (const column of ['joined_inferred', 'left_inferred']) {
      await db.schema.alterTable('cdr_legs').dropColumn(column).execute();
    }
    for (const column of ['started_inferred', 'ended_inferred']) {
      await db.schema.alterTable('cdr_sessions').dropColumn(column).execute();
    }
    await db.schema.dropTable('room_locks').execute();
    await db.schema.dropTable('room_removals').execute();
  },
};
