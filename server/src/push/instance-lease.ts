// Each app-server instance holds a lease: a row in push_instances that it renews every heartbeat.
// An instance that stops renewing (killed, crashed, its machine gone, cut off from the database)
// counts as dead once its lease is older than deadAfterMs: from then on its push connections no
// longer count (presence reads only connections under a live lease), and the next sweep by any
// live instance deletes the lease and those connections, handing back whose they were so that
// the sweeper can tell everyone who is now offline. Timestamps are each instance's own clock:
// the instances' clocks must agree (NTP) to well within deadAfterMs - heartbeatMs.
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Tables } from '../db/schema.js';

export interface LeaseTimes {
  /** How often an instance renews its lease and sweeps the dead ones. */
  heartbeatMs: number;
  /** How old a lease may get before its instance counts as dead. */
  deadAfterMs: number;
}

/** A dead instance's users are told "offline" within deadAfterMs + heartbeatMs of its last renewal. */
export const DEFAULT_LEASE_TIMES: LeaseTimes = { heartbeatMs: 5_000, deadAfterMs: 20_000 };

export class InstanceLease {
  /** The lease's id: connections registered under it are this instance's. */
  id = randomUUID();

  constructor(private readonly db: Kysely<Tables>) {}

  async claim(): Promise<void> {
    const now = Date.now();
    await this.db
      .insertInto('push_instances')
      .values({ id: this.id, started_at: now, seen_at: now })
      .execute();
  }

  /** False when the lease is gone: another instance swept it while this one did not renew in time. */
  async renew(): Promise<boolean> {
    const result = await this.db
      .updateTable('push_instances')
      .set({ seen_at: Date.now() })
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
      .set({ seen_at: Date.now() - deadAfterMs + ms })
      .where('id', '=', this.id)
      .execute();
  }

  /** Gives the lease up with its connections (a clean shutdown of the only instance). */
  async release(): Promise<void> {
    await this.db.deleteFrom('push_connections').where('instance_id', '=', this.id).execute();
    await this.db.deleteFrom('push_instances').where('id', '=', this.id).execute();
  }
}

/**
 * Deletes the leases renewed last before `cutoff`, then every connection without a lease, and
 * says whose connections this call deleted. Safe when several instances sweep at once: each row
 * is deleted, and so returned, by one of them only (a DELETE that finds a row already deleted by
 * another skips it), so each dead connection's user is handed to one sweeper.
 */
export async function sweepDeadInstances(db: Kysely<Tables>, cutoff: number): Promise<string[]> {
  await db.deleteFrom('push_instances').where('seen_at', '<', cutoff).execute();
  const gone = await db
    .deleteFrom('push_connections')
    .where('instance_id', 'not in', db.selectFrom('push_instances').select('id'))
    .returning('user_id')
    .execute();
  return [...new Set(gone.map((row) => row.user_id))];
}

/** For the only instance there is (SQLite): whatever an earlier run left behind is dead. */
export async function clearAllInstances(db: Kysely<Tables>): Promise<void> {
  await db.deleteFrom('push_connections').execute();
  await db.deleteFrom('push_instances').execute();
}
