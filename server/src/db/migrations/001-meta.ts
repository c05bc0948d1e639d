import type { Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';

export const m001Meta: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('schema_meta')
      .addColumn('key', 'text', (c) => c.primaryKey())
      .addColumn('value', 'text', (c) => c.notNull())
      .execute();
  },
  async down(db: Kysely<unknown>) {
    await db.schema.dropTable('schema_meta').execute();
  },
};
