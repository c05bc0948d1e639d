// The push channel's per-user event log and live connections, people's presence, and calls
// with one leg per callee. Users are not foreign keys here (as in the CDR): records stay readable
// even if an account is removed by hand.
import type { Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';

export const m007PushPeopleCalls: Migration = {
  async up(db: Kysely<unknown>) {
    // The last event sequence number given to each user; the upsert on it serializes writers per user.
    await db.schema
      .createTable('push_cursors')
      .addColumn('user_id', 'text', (c) => c.primaryKey())
      .addColumn('last_seq', 'bigint', (c) => c.notNull())
      .execute();
    await db.schema
      .createTable('push_events')
      .addColumn('user_id', 'text', (c) => c.notNull())
      .addColumn('seq', 'bigint', (c) => c.notNull())
      .addColumn('type', 'text', (c) => c.notNull())
      .addColumn('payload', 'text', (c) => c.notNull())
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addPrimaryKeyConstraint('push_events_pk', ['user_id', 'seq'])
      .execute();
    await db.schema.createIndex('push_events_created').on('push_events').column('created_at').execute();
    await db.schema
      .createTable('push_connections')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('user_id', 'text', (c) => c.notNull())
      .addColumn('instance_id', 'text', (c) => c.notNull())
      .addColumn('connected_at', 'bigint', (c) => c.notNull())
      .addColumn('seen_at', 'bigint', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('push_connections_user').on('push_connections').column('user_id').execute();

    await db.schema
      .createTable('user_presence')
      .addColumn('user_id', 'text', (c) => c.primaryKey())
      .addColumn('status', 'text', (c) => c.notNull().defaultTo('available'))
      .addColumn('in_meeting', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('updated_at', 'bigint', (c) => c.notNull())
      .addColumn('missed_seen_at', 'bigint', (c) => c.notNull().defaultTo(0))
      .execute();

    await db.schema
      .createTable('calls')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('room_id', 'text', (c) => c.notNull().unique())
      .addColumn('caller_id', 'text', (c) => c.notNull())
      .addColumn('video', 'integer', (c) => c.notNull())
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('answered_at', 'bigint')
      .execute();
    await db.schema.createIndex('calls_caller').on('calls').columns(['caller_id', 'created_at']).execute();
    await db.schema
      .createTable('call_legs')
      .addColumn('call_id', 'text', (c) => c.notNull().references('calls.id').onDelete('cascade'))
      .addColumn('user_id', 'text', (c) => c.notNull())
      .addColumn('invited_by', 'text', (c) => c.notNull())
      .addColumn('outcome', 'text', (c) => c.notNull())
      .addColumn('silent', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('rang_at', 'bigint', (c) => c.notNull())
      .addColumn('ring_deadline', 'bigint', (c) => c.notNull())
      .addColumn('ring_ended_at', 'bigint')
      .addColumn('message', 'text')
      .addPrimaryKeyConstraint('call_legs_pk', ['call_id', 'user_id'])
      .execute();
    await db.schema.createIndex('call_legs_user').on('call_legs').columns(['user_id', 'rang_at']).execute();
    await db.schema
      .createIndex('call_legs_due')
      .on('call_legs')
      .columns(['outcome', 'ring_deadline'])
      .execute();
  },
  async down(db: Kysely<unknown>) {
    for (const table of [
      'call_legs',
      'calls',
      'user_presence',
      'push_connections',
      'push_events',
      'push_cursors',
    ]) {
      await db.schema.dropTable(table).execute();
    }
  },
};
