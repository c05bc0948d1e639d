// The database's clock, in epoch milliseconds, for times that several app-server instances
// compare with each other (push leases): one clock for all of them, so an instance whose own
// clock is off cannot take a live one for dead or keep a dead one alive. On PostgreSQL that is
// the server's statement_timestamp() (the start of the current statement); on SQLite it is the
// machine's clock as SQLite reads it ('now' is fixed for the length of a statement), and every
// instance on one SQLite file runs on that one machine anyway.
import { sql, type RawBuilder } from 'kysely';
import type { DialectName } from './database.js';

export function databaseNow(dialect: DialectName): RawBuilder<number> {
  switch (dialect) {
    case 'postgres':
      return sql<number>`(floor(extract(epoch from statement_timestamp()) * 1000)::bigint)`;
    case 'sqlite':
      // unixepoch('subsec') needs SQLite 3.42 or later (better-sqlite3 bundles its own, newer).
      return sql<number>`cast(unixepoch('subsec') * 1000 as integer)`;
    default: {
      const unknown: never = dialect;
      throw new Error(`no clock for dialect ${String(unknown)}`);
    }
  }
}

/** The database's clock `ms` milliseconds ago (or ahead, for a negative `ms`). */
export function databaseNowMinus(dialect: DialectName, ms: number): RawBuilder<number> {
  return sql<number>`(${databaseNow(dialect)} - ${Math.round(ms)})`;
}
