// Opens the app server's database: embedded SQLite (WAL) in the data directory by default,
// PostgreSQL when DATABASE_URL is set. Both go through one Kysely query layer and are migrated
// to the latest schema on open.
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect, type SqliteDatabase } from 'kysely';
import { Migrator, type MigrationProvider } from 'kysely/migration';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { migrations } from './migrations/index.js';
import { ensurePrivateDir, ensurePrivateFile } from './private-files.js';
import type { Tables } from './schema.js';

// int8 (bigint) columns hold epoch milliseconds; they fit in a double, so read them as numbers.
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number(v));

export type DialectName = 'sqlite' | 'postgres';

export interface Database {
  db: Kysely<Tables>;
  dialect: DialectName;
  close(): Promise<void>;
}

export interface DatabaseOptions {
  dataDir: string;
  databaseUrl?: string;
}

const provider: MigrationProvider = { getMigrations: async () => migrations };

export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  const dialect: DialectName = options.databaseUrl ? 'postgres' : 'sqlite';
  const db = new Kysely<Tables>({
    dialect: options.databaseUrl
      ? new PostgresDialect({ pool: postgresPool(options.databaseUrl) })
      : new SqliteDialect({ database: withStatementCache(openSqlite(options.dataDir)) }),
  });
  const { error, results } = await new Migrator({ db, provider }).migrateToLatest();
  if (error) {
    await db.destroy();
    const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    throw new Error(`Database migration ${failed} failed: ${(error as Error).message}`, { cause: error });
  }
  return { db, dialect, close: () => db.destroy() };
}

function postgresPool(connectionString: string): pg.Pool {
  const pool = new pg.Pool({ connectionString, max: 10 });
  // An idle connection that drops (server restart, terminated backend) makes the pool emit
  // 'error'; without a listener that event would crash the process. pg discards the client and
  // the next query opens a fresh one.
  pool.on('error', (err) => console.warn(`PostgreSQL: an idle connection failed (${err.message}).`));
  return pool;
}

function openSqlite(dataDir: string): BetterSqlite3.Database {
  ensurePrivateDir(dataDir);
  const file = join(dataDir, 'convene.db');
  // SQLite gives its -wal and -shm files the database file's own mode, so creating that one
  // 0600 first makes all three private from the moment they exist.
  ensurePrivateFile(file);
  for (const companion of ['-wal', '-shm']) {
    if (existsSync(file + companion)) ensurePrivateFile(file + companion);
  }
  const sqlite = new BetterSqlite3(file);
  sqlite.pragma('journal_mode = WAL');
  // Deleted rows (a removed webhook endpoint's secret) are overwritten with zeros, not left in
  // free pages.
  sqlite.pragma('secure_delete = ON');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  return sqlite;
}

// Kysely prepares every query anew; with better-sqlite3 that parse is a large share of a short
// query's cost. Queries come from a small set of builders, so caching the prepared statement
// by its SQL text is cheap and bounded. A statement still iterating (streaming) is never reused.
const STATEMENT_CACHE_LIMIT = 500;

function withStatementCache(sqlite: BetterSqlite3.Database): SqliteDatabase {
  const cache = new Map<string, BetterSqlite3.Statement>();
  return {
    close: () => sqlite.close(),
    prepare(sqlText: string) {
      const cached = cache.get(sqlText);
      if (cached && !cached.busy) return cached;
      const statement = sqlite.prepare(sqlText);
      if (cache.size >= STATEMENT_CACHE_LIMIT) cache.clear();
      cache.set(sqlText, statement);
      return statement;
    },
  };
}
