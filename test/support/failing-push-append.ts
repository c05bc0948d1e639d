// A real database failure for tests of transactions that append push events: a trigger makes
// every insert into push_events fail. On PostgreSQL it is a deferred constraint trigger, so the
// failure comes at COMMIT, after everything else in the transaction (the CDR write, the outbox,
// the NOTIFY) has been done; on SQLite, which has no deferred triggers, before the insert.
import { sql } from 'kysely';
import type { Database } from '../../server/src/db/database.js';

/** Installs the failure; the returned function removes it. */
export async function failPushAppends(database: Database): Promise<() => Promise<void>> {
  const { db } = database;
  if (database.dialect === 'sqlite') {
    await sql`create trigger test_fail_push before insert on push_events
      begin select raise(abort, 'injected: push append fails'); end`.execute(db);
    return async () => {
      await sql`drop trigger test_fail_push`.execute(db);
    };
  }
  await sql`create function test_fail_push() returns trigger language plpgsql as $$
      begin raise exception 'injected: push append fails at commit'; end $$`.execute(db);
  await sql`create constraint trigger test_fail_push after insert on push_events
      deferrable initially deferred for each row execute function test_fail_push()`.execute(db);
  return async () => {
    await sql`drop trigger test_fail_push on push_events`.execute(db);
    await sql`drop function test_fail_push()`.execute(db);
  };
}
