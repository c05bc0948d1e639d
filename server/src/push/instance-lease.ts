// Each app-server instance holds a lease: a row in push_instances that it renews every heartbeat.
// An instance that stops renewing (killed, crashed, its machine gone, cut off from the database)
// counts as dead once its lease is older than deadAfterMs: from then on its push connections no
// longer count (presence reads only connections under a live lease), and the next sweep by any
// live instance deletes the lease and those connections, handing back the users it left with no
// connection at all so that the sweeper can tell everyone they are offline. Every time here is
// the database's clock (db/clock.ts), never an instance's own: instances' clocks do not matter.
import { randomUUID } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import { databaseNow, databaseNowMinus } from '../db/clock.js';
import type { DialectName } from '../db/database.js';
import type { Tables } from '../db/schema.js';

export interface LeaseTimes {
  /** How often an instance renews its lease and sweeps the dead ones. */
  heartbeatMs: number;
  /** How old a lease may get before its instance counts as dead. */
  deadAfterMs: number;
}

/** A dead instance's users are told "offline" within deadAfterMs + heartbeatMs of its last renewal. */
export const DEFAULT_LEASE_TIMES: LeaseTimes = { heartbeatMs: 5_000, deadAfterMs: 20_000 };

/** PostgreSQL advisory lock key of the sweep ("convene push sweep"): one sweeper at a time. */
const SWEEP_LOCK = 0x636f6e76;

export class InstanceLease {
  /** The lease's id: connections registered under it are this instance's. */
  id = randomUUID();

  constructor(
    private readonly db: Kysely<Tables>,
    private readonly dialect: DialectName,
  ) {}

  async claim(): Promise<void> {
    const now = databaseNow(this.dialect);
    await this.db
      .insertInto('push_instances')
      .values({ id: this.id, started_at: now, seen_at: now })
      .execute();
  }

  /** False when the lease is gone: another instance swept it while this one did not renew in time. */
  async renew(): Promise<boolean> {
    const result = await this.db
      .updateTable('push_instances')
      .set({ seen_at: databaseNow(this.dialect) })
      .where('id', '=', this.id)
      .executeTakeFirst();
    return result.numUpdatedRows > 0n;
  }

  /** A new lease under a new id, after the old one was swept (its connections went with it). A
   *  new id, not the old one claimed again: a sweep still running may yet delete what is
   *  registered under the old id. */
  async replace(): Promise<void> {
    this.id = randomUUID();
    await this.claim();
  }

  /** Backdates the lease so that it lapses in `ms`: its connections are then swept like a dead
   *  instance's (a clean shutdown next to other instances). */
  async lapseIn(ms: number, deadAfterMs: number): Promise<void> {
    await this.db
      .updateTable('push_instances')
      .set({ seen_at: databaseNowMinus(this.dialect, deadAfterMs - ms) })
      .where('id', '=', this.id)
      .execute();
  }

  /** Gives the lease up with its connections (a clean shutdown of the only instance). */
  async release(): Promise<void> {
    await this.db.deleteFrom('push_connections').where('instance_id', '=', this.id).execute();
    await this.db.deleteFrom('push_instances').where('id', '=', this.id).execute();
  }
}

/** Leases renewed after this are live: the database's clock, deadAfterMs ago. */
export const liveCutoff = (dialect: DialectName, deadAfterMs: number) =>
  databaseNowMinus(dialect, deadAfterMs);

/**
 * Deletes the leases older than deadAfterMs, then every connection without a lease, and returns
 * the users this left with no connection at all: each exactly once, whatever the number of dead
 * instances they had connections on and of instances sweeping. One transaction, one sweeper at
 * a time (PostgreSQL: an advisory lock, and a sweep that finds it taken is skipped, the other
 * one doing the work; SQLite: its one writer), so two sweeps cannot split a user's dead
 * connections between them, and a user with a connection left (on a live instance, or on one
 * whose lease has not lapsed yet) is left for the sweep that removes their last one.
 */
export async function sweepDeadInstances(
  db: Kysely<Tables>,
  dialect: DialectName,
  deadAfterMs: number,
): Promise<string[]> {
  return db.transaction().execute(async (trx) => {
    if (dialect === 'postgres') {
      const lock = sql<{ locked: boolean }>`select pg_try_advisory_xact_lock(${SWEEP_LOCK}) as locked`;
      if (!(await lock.execute(trx)).rows[0]?.locked) return [];
    }
    // SQLite: this first statement writes, so the transaction holds the write lock from here on.
    await trx.deleteFrom('push_instances').where('seen_at', '<', liveCutoff(dialect, deadAfterMs)).execute();
    const gone = await trx
      .deleteFrom('push_connections')
      .where('instance_id', 'not in', trx.selectFrom('push_instances').select('id'))
      .returning('user_id')
      .execute();
    const users = [...new Set(gone.map((row) => row.user_id))];
    if (users.length === 0) return [];
    const left = await trx
      .selectFrom('push_connections')
      .select('user_id')
      .distinct()
      .where('user_id', 'in', users)
      .execute();
    const connected = new Set(left.map((row) => row.user_id));
    return users.filter((userId) => !connected.has(userId));
  });
}

/** For the only instance there is (SQLite): whatever an earlier run left behind is dead. */
export async function clearAllInstances(db: Kysely<Tables>): Promise<void> {
  await db.deleteFrom('push_connections').execute();
  await db.deleteFrom('push_instances').execute();
}
