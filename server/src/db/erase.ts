// After deleting secrets (a webhook endpoint's signing secret), make sure their bytes do not
// linger in the database files. SQLite: secure_delete (set on open) zeroes the freed cells, and
// a TRUNCATE checkpoint copies the zeroed pages into the main file and empties the WAL, which
// still held the old page. PostgreSQL: a deleted row stays in the table file as a dead tuple
// until vacuumed; VACUUM FULL rewrites the table into a new file without it.
import { sql } from 'kysely';
import type { Database } from './database.js';

type Table = 'webhook_endpoints';

/** How long the erase waits for older transactions of the database to end (each poll 20 ms). */
const OLDER_TRANSACTIONS_WAIT_MS = 2000;

export async function eraseDeletedRows(database: Database, table: Table): Promise<void> {
  switch (database.dialect) {
    case 'sqlite':
      await sql`PRAGMA wal_checkpoint(TRUNCATE)`.execute(database.db);
      return;
    case 'postgres':
      // A dead row survives VACUUM FULL while a transaction that could still see it is open and
      // holds no lock on the table (a lock would make VACUUM wait for it); seen in CI twice,
      // where the app's background jobs run short transactions on the same database. So the
      // rewrite first waits, briefly, for those begun before now to end. Not inside a
      // transaction (VACUUM refuses one); the table is small, the lock brief.
      await waitForOlderTransactions(database);
      await sql`VACUUM FULL ${sql.table(table)}`.execute(database.db);
      return;
    default: {
      const unknown: never = database.dialect;
      throw new Error(`unknown dialect ${String(unknown)}`);
    }
  }
}

/** Until no other session of this database holds a snapshot taken before this call, or the
 *  wait runs out (a session of another role shows no snapshot here: best effort). */
async function waitForOlderTransactions(database: Database): Promise<void> {
  const { rows } = await sql<{ at: Date }>`SELECT clock_timestamp() AS at`.execute(database.db);
  const since = rows[0]?.at ?? new Date();
  const deadline = Date.now() + OLDER_TRANSACTIONS_WAIT_MS;
  while (Date.now() < deadline) {
    const older = await sql<{ n: number }>`
      SELECT count(*)::int AS n FROM pg_stat_activity
      WHERE datname = current_database() AND pid <> pg_backend_pid()
        AND backend_xmin IS NOT NULL AND xact_start < ${since}`.execute(database.db);
    if ((older.rows[0]?.n ?? 0) === 0) return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
