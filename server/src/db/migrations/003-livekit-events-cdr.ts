// LiveKit webhook events as received, and the call detail records derived from them.
// Rooms are not foreign keys: LiveKit can report rooms the app server never created.
import { sql, type Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';

export const m003LivekitEventsCdr: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('livekit_events')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('event', 'text', (c) => c.notNull())
      .addColumn('room_sid', 'text')
      .addColumn('room_name', 'text')
      .addColumn('participant_identity', 'text')
      .addColumn('payload', 'text', (c) => c.notNull())
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('received_at', 'bigint', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('livekit_events_room_sid').on('livekit_events').column('room_sid').execute();

    await db.schema
      .createTable('cdr_sessions')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('room_sid', 'text', (c) => c.notNull().unique())
      .addColumn('room_name', 'text', (c) => c.notNull())
      .addColumn('started_at', 'bigint', (c) => c.notNull())
      .addColumn('ended_at', 'bigint')
      .addColumn('peak_participants', 'integer', (c) => c.notNull().defaultTo(0))
      .execute();
    await db.schema
      .createIndex('cdr_sessions_started')
      .on('cdr_sessions')
      .columns(['started_at', 'id'])
      .execute();
    await db.schema.createIndex('cdr_sessions_room').on('cdr_sessions').column('room_name').execute();

    await db.schema
      .createTable('cdr_legs')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('session_id', 'text', (c) => c.notNull().references('cdr_sessions.id').onDelete('cascade'))
      // One leg per LiveKit connection: a participant who rejoins gets a new sid and a new leg.
      .addColumn('participant_sid', 'text', (c) => c.notNull())
      .addColumn('identity', 'text', (c) => c.notNull())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('role', 'text')
      .addColumn('joined_at', 'bigint', (c) => c.notNull())
      .addColumn('left_at', 'bigint')
      .addColumn('address', 'text')
      .addColumn('user_agent', 'text')
      .addColumn('tracks', 'text', (c) => c.notNull().defaultTo(sql`'[]'`))
      .addUniqueConstraint('cdr_legs_session_participant', ['session_id', 'participant_sid'])
      .execute();
    await db.schema
      .createIndex('cdr_legs_identity')
      .on('cdr_legs')
      .columns(['identity', 'session_id'])
      .execute();
  },
  async down(db: Kysely<unknown>) {
    await db.schema.dropTable('cdr_legs').execute();
    await db.schema.dropTable('cdr_sessions').execute();
    await db.schema.dropTable('livekit_events').execute();
  },
};
