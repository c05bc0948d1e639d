// The database opens, migrates and round-trips on both SQLite and PostgreSQL.
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { createTestDatabase, DIALECTS } from '../support/databases.js';

describe.each(DIALECTS)('database on %s', (dialect) => {
  it('migrates to the latest schema and is idempotent on reopen', async () => {
    const testDb = await createTestDatabase(dialect);
    try {
      const first = await testDb.open();
      expect(first.dialect).toBe(dialect);
      await first.db.insertInto('schema_meta').values({ key: 'k', value: 'v' }).execute();
      await first.close();

      const second = await testDb.open();
      const row = await second.db
        .selectFrom('schema_meta')
        .selectAll()
        .where('key', '=', 'k')
        .executeTakeFirst();
      expect(row).toEqual({ key: 'k', value: 'v' });
      if (dialect === 'sqlite') {
        const mode = await sql<{ journal_mode: string }>`PRAGMA journal_mode`.execute(second.db);
        expect(mode.rows[0]?.journal_mode).toBe('wal');
      }
      await second.close();
    } finally {
      await testDb.drop();
    }
  });
});
