// Users, sessions, rooms, memberships, issued join tokens and waiting-room requests.
// Times are epoch milliseconds (bigint), booleans 0/1, ids text (see schema.ts).
import type { Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';

export const m002Core: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('users')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('username', 'text', (c) => c.notNull().unique())
      .addColumn('display_name', 'text', (c) => c.notNull())
      .addColumn('password_hash', 'text', (c) => c.notNull())
      .addColumn('is_admin', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('disabled', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .execute();

    await db.schema
      .createTable('refresh_tokens')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('family_id', 'text', (c) => c.notNull())
      .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
      .addColumn('token_hash', 'text', (c) => c.notNull().unique())
      .addColumn('expires_at', 'bigint', (c) => c.notNull())
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('used_at', 'bigint')
      .addColumn('revoked_at', 'bigint')
      .execute();
    await db.schema.createIndex('refresh_tokens_family').on('refresh_tokens').column('family_id').execute();

    await db.schema
      .createTable('rooms')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('slug', 'text', (c) => c.notNull().unique())
      .addColumn('title', 'text', (c) => c.notNull())
      .addColumn('owner_id', 'text', (c) => c.notNull().references('users.id'))
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('starts_at', 'bigint')
      .addColumn('ends_at', 'bigint')
      .addColumn('max_participants', 'integer')
      .addColumn('locked', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('waiting_room', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('rooms_owner').on('rooms').column('owner_id').execute();

    await db.schema
      .createTable('room_members')
      .addColumn('room_id', 'text', (c) => c.notNull().references('rooms.id').onDelete('cascade'))
      .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
      .addColumn('role', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('room_members_pk', ['room_id', 'user_id'])
      .execute();
    await db.schema.createIndex('room_members_user').on('room_members').column('user_id').execute();

    // No foreign key to rooms: call records outlive a deleted room.
    await db.schema
      .createTable('join_tokens_issued')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('room_id', 'text', (c) => c.notNull())
      .addColumn('identity', 'text', (c) => c.notNull())
      .addColumn('display_name', 'text', (c) => c.notNull())
      .addColumn('role', 'text', (c) => c.notNull())
      .addColumn('address', 'text')
      .addColumn('user_agent', 'text')
      .addColumn('issued_at', 'bigint', (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('join_tokens_issued_room_identity')
      .on('join_tokens_issued')
      .columns(['room_id', 'identity'])
      .execute();

    await db.schema
      .createTable('waiting_requests')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('room_id', 'text', (c) => c.notNull().references('rooms.id').onDelete('cascade'))
      .addColumn('ticket_hash', 'text', (c) => c.notNull().unique())
      .addColumn('identity', 'text', (c) => c.notNull())
      .addColumn('display_name', 'text', (c) => c.notNull())
      .addColumn('role', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('address', 'text')
      .addColumn('user_agent', 'text')
      .addColumn('requested_at', 'bigint', (c) => c.notNull())
      .addColumn('decided_at', 'bigint')
      .execute();
    await db.schema
      .createIndex('waiting_requests_room_status')
      .on('waiting_requests')
      .columns(['room_id', 'status'])
      .execute();
  },
  async down(db: Kysely<unknown>) {
    for (const table of [
      'waiting_requests',
      'join_tokens_issued',
      'room_members',
      'rooms',
      'refresh_tokens',
      'users',
    ]) {
      await db.schema.dropTable(table).execute();
    }
  },
};
