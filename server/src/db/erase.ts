// After deleting secrets (a webhook endpoint's signing secret), make sure their bytes do not
// linger in the database files. SQLite: secure_delete (set on open) zeroes the freed cells, and
// a TRUNCATE checkpoint copies the zeroed pages into the main file and empties the WAL, which
// still held the old page. PostgreSQL: a deleted row stays in the table file as a dead tuple
// until vacuumed; VACUUM FULL rewrites the table into a new file without it.
import { sql } from 'kysely';
import type { Database } from './database.js';

type Table = 'webhook_endpoints';

const SECOND_PASS_MS = 250;

export async function eraseDeletedRows(database: Database, table: Table): Promise<void> {
  switch (database.dialect) {
    case 'sqlite':
      await sql`PRAGMA wal_checkpoint(TRUNCATE)`.execute(database.db);
      return;
    case 'postgres':
      // Not inside a transaction (VACUUM refuses one); the table is small, the lock brief. A
      // dead row that a transaction running at that moment could still see survives a VACUUM
      // FULL (seen once in CI), so it runs again once such short transactions have ended.
      await sql`VACUUM FULL ${sql.table(table)}`.execute(database.db);
      await new Promise((resolve) => setTimeout(resolve, SECOND_PASS_MS));
      await sql`VACUUM FULL ${sql.table(table)}`.execute(database.db);
      return;
    default: {
      const unknown: never = database.dialect;
      throw new Error(`unknown dialect ${String(unknown)}`);
    }
  }
}
