// Instance leases and the sweep of dead instances' push connections, against the real databases.
// Lease times are the database's clock: instances whose own clocks are hours off (Date.now
// shifted while they claim, renew and sweep) still see a live lease as live and a dead one as
// dead on time. Several sweeps at once (two connection pools on PostgreSQL) hand each user left
// with no connection to one sweeper only, once, also when their connections were on two dead
// instances; live instances' connections stay.
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { sql } from 'kysely';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { databaseNow, databaseNowMinus } from '../../server/src/db/clock.js';
import type { Database } from '../../server/src/db/database.js';
import { InstanceLease, sweepDeadInstances } from '../../server/src/push/instance-lease.js';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../support/databases.js';

const HOUR = 3_600_000;

describe.each(DIALECTS)('instance leases on %s', (dialect) => {
  let testDb: TestDatabase;
  let one: Database;
  let two: Database;

  beforeAll(async () => {
    testDb = await createTestDatabase(dialect);
    one = await testDb.open();
    two = await testDb.open();
  });
  afterAll(async () => {
    await one?.close();
    await two?.close();
    await testDb?.drop();
  });
  afterEach(async () => {
    vi.restoreAllMocks();
    await one.db.deleteFrom('push_connections').execute();
    await one.db.deleteFrom('push_instances').execute();
  });

  const connect = (instanceId: string, userId: string) =>
    one.db
      .insertInto('push_connections')
      .values({ id: randomUUID(), user_id: userId, instance_id: instanceId, connected_at: Date.now() })
      .execute();
  /** A lease last renewed `agoMs` ago by the database's clock. */
  const lease = (id: string, agoMs: number) => {
    const seen = databaseNowMinus(dialect, agoMs);
    return one.db.insertInto('push_instances').values({ id, started_at: seen, seen_at: seen }).execute();
  };
  const sweep = (d: Database, deadAfterMs: number) => sweepDeadInstances(d.db, dialect, deadAfterMs);
  /** Four sweeps at once: on two pools on PostgreSQL; on SQLite on one connection, as the app has
   *  (its transactions take turns; a second connection in this process would wait for the write
   *  lock synchronously, blocking the event loop the first one needs to commit). */
  const fourSweeps = (deadAfterMs: number) =>
    Promise.all(
      (dialect === 'postgres' ? [one, two, one, two] : [one, one, one, one]).map((d) =>
        sweep(d, deadAfterMs),
      ),
    );
  const leaseIds = async () =>
    (await one.db.selectFrom('push_instances').select('id').execute()).map((l) => l.id);
  /** This process's clock, off by `ms` from now on (a stand-in for a machine whose clock is wrong). */
  const skewClock = (ms: number) => {
    const real = Date.now.bind(Date);
    vi.restoreAllMocks();
    vi.spyOn(Date, 'now').mockImplementation(() => real() + ms);
  };

  it('renews while the lease is there, says when a sweep took it, and takes a new one', async () => {
    const mine = new InstanceLease(one.db, dialect);
    await mine.claim();
    expect(await mine.renew()).toBe(true);
    await connect(mine.id, 'user-of-stalled');
    // Backdated past the dead time: to the sweeper, this instance is dead.
    await mine.lapseIn(-1000, 10_000);
    expect(await sweep(two, 10_000)).toEqual(['user-of-stalled']);
    expect(await mine.renew()).toBe(false);
    const old = mine.id;
    await mine.replace();
    expect(mine.id).not.toBe(old);
    expect(await mine.renew()).toBe(true);
    await connect(mine.id, 'user-of-stalled');
    await mine.release();
    expect(await one.db.selectFrom('push_connections').selectAll().execute()).toEqual([]);
    expect(await leaseIds()).toEqual([]);
  });

  it("stamps leases with the database's clock, whatever the instance's own says", async () => {
    skewClock(-HOUR);
    const mine = new InstanceLease(one.db, dialect);
    await mine.claim();
    skewClock(+HOUR);
    expect(await mine.renew()).toBe(true);
    vi.restoreAllMocks();
    const { rows } = await sql<{ now: number }>`select ${databaseNow(dialect)} as now`.execute(one.db);
    const row = await one.db.selectFrom('push_instances').selectAll().executeTakeFirstOrThrow();
    const dbNow = Number(rows[0]!.now);
    expect(Math.abs(dbNow - Number(row.seen_at))).toBeLessThan(5000);
    expect(Math.abs(dbNow - Number(row.started_at))).toBeLessThan(5000);
    // And that clock agrees with this machine's (the one both databases run on here).
    expect(Math.abs(dbNow - Date.now())).toBeLessThan(5000);
  });

  it('keeps a live lease live for a sweeper whose clock is hours ahead, and vice versa', async () => {
    const deadAfterMs = 1000;
    const behind = new InstanceLease(one.db, dialect);
    const ahead = new InstanceLease(two.db, dialect);
    skewClock(-HOUR);
    await behind.claim();
    await connect(behind.id, 'user-behind');
    skewClock(+HOUR);
    await ahead.claim();
    await connect(ahead.id, 'user-ahead');
    for (let beat = 0; beat < 4; beat++) {
      await sleep(deadAfterMs / 4);
      skewClock(-HOUR);
      expect(await behind.renew()).toBe(true);
      expect(await sweep(one, deadAfterMs)).toEqual([]);
      skewClock(+HOUR);
      expect(await ahead.renew()).toBe(true);
      expect(await sweep(two, deadAfterMs)).toEqual([]);
    }
    expect((await leaseIds()).sort()).toEqual([ahead.id, behind.id].sort());

    // The one whose clock is an hour ahead dies: it is dead after deadAfterMs, not an hour later.
    const diedAt = performance.now();
    let swept: string[] = [];
    while (swept.length === 0 && performance.now() - diedAt < deadAfterMs + 3000) {
      await sleep(100);
      skewClock(-HOUR);
      expect(await behind.renew()).toBe(true);
      swept = await sweep(one, deadAfterMs);
    }
    const tookMs = performance.now() - diedAt;
    expect(swept).toEqual(['user-ahead']);
    expect(tookMs).toBeGreaterThanOrEqual(deadAfterMs - 300);
    expect(tookMs).toBeLessThan(deadAfterMs + 1000);
    expect(await leaseIds()).toEqual([behind.id]);
  });

  it('hands each dead connection to one of four sweepers running at once, and keeps live ones', async () => {
    for (let round = 0; round < 10; round++) {
      const dead = [`dead-a-${round}`, `dead-b-${round}`];
      const live = `live-${round}`;
      await lease(dead[0]!, 60_000);
      await lease(dead[1]!, 30_000);
      await lease(live, 0);
      const deadUsers = Array.from({ length: 20 }, (_, i) => `user-${round}-${i}`);
      for (const [i, user] of deadUsers.entries()) await connect(dead[i % 2]!, user);
      await connect(live, `alive-${round}`);

      const swept = await fourSweeps(10_000);
      expect(swept.flat().sort()).toEqual([...deadUsers].sort());

      const left = await one.db.selectFrom('push_connections').select(['user_id', 'instance_id']).execute();
      expect(left).toEqual([{ user_id: `alive-${round}`, instance_id: live }]);
      expect(await leaseIds()).toEqual([live]);
      // Swept once: the next sweeps find nothing.
      expect(await sweep(two, 10_000)).toEqual([]);
      await one.db.deleteFrom('push_connections').execute();
      await one.db.deleteFrom('push_instances').execute();
    }
  });

  it('hands a user with connections on two dead instances over once, when the last one goes', async () => {
    const deadAfterMs = 10_000;
    await lease('dead-long-ago', 60_000);
    await lease('dying', deadAfterMs - 500); // lapses half a second from now
    await lease('live', 0);
    const onBoth = Array.from({ length: 10 }, (_, i) => `both-${i}`);
    for (const user of onBoth) {
      await connect('dead-long-ago', user);
      await connect('dying', user);
    }
    await connect('dead-long-ago', 'only-dead');
    await connect('dead-long-ago', 'also-live');
    await connect('live', 'also-live');

    const first = await fourSweeps(deadAfterMs);
    // Still connected through "dying" (or "live"): nobody but only-dead is offline yet.
    expect(first.flat()).toEqual(['only-dead']);
    await sleep(700);
    const second = await fourSweeps(deadAfterMs);
    expect(second.flat().sort()).toEqual([...onBoth].sort());
    expect(await sweep(one, deadAfterMs)).toEqual([]);
    expect(await leaseIds()).toEqual(['live']);
  });
});
