// Liveness of push connections moves from each connection to its app-server instance: one lease
// row per instance (push_instances), renewed on a heartbeat, instead of a seen_at refreshed on
// every connection row. Connections from before have no lease: they are dropped (their clients
// reconnect anyway when the upgraded server starts).
import { sql, type Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';

export const m008PushInstances: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('push_instances')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('started_at', 'bigint', (c) => c.notNull())
      .addColumn('seen_at', 'bigint', (c) => c.notNull())
      .execute();
    await sql`delete from push_connections`.execute(db);
    await db.schema.alterTable('push_connections').dropColumn('seen_at').execute();
    await db.schema
      .createIndex('push_connections_instance')
      .on('push_connections')
      .column('instance_id')
      .execute();
  },
  async down(db: Kysely<unknown>) {
    await db.schema.dropIndex('push_connections_instance').execute();
    await db.schema
      .alterTable('push_connections')
      .addColumn('seen_at', 'bigint', (c) => c.notNull().defaultTo(0))
      .execute();
    await db.schema.dropTable('push_instances').execute();
  },
};
