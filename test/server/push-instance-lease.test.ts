// Instance leases and the sweep of dead instances' push connections, against the real databases.
// Several sweeps at once (two connection pools on PostgreSQL) hand each dead connection to one
// sweeper only, so its user is announced offline once; live instances' connections stay.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../server/src/db/database.js';
import { InstanceLease, sweepDeadInstances } from '../../server/src/push/instance-lease.js';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../support/databases.js';

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

  const connect = (instanceId: string, userId: string) =>
    one.db
      .insertInto('push_connections')
      .values({ id: randomUUID(), user_id: userId, instance_id: instanceId, connected_at: Date.now() })
      .execute();
  const lease = (id: string, seenAt: number) =>
    one.db.insertInto('push_instances').values({ id, started_at: seenAt, seen_at: seenAt }).execute();

  it('renews while the lease is there, says when a sweep took it, and takes a new one', async () => {
    const mine = new InstanceLease(one.db);
    await mine.claim();
    expect(await mine.renew()).toBe(true);
    await connect(mine.id, 'user-of-stalled');
    // A cutoff after its last renewal: to the sweeper, this instance is dead.
    expect(await sweepDeadInstances(two.db, Date.now() + 1)).toEqual(['user-of-stalled']);
    expect(await mine.renew()).toBe(false);
    const old = mine.id;
    await mine.replace();
    expect(mine.id).not.toBe(old);
    expect(await mine.renew()).toBe(true);
    await connect(mine.id, 'user-of-stalled');
    await mine.release();
    expect(await one.db.selectFrom('push_connections').selectAll().execute()).toEqual([]);
    expect(await one.db.selectFrom('push_instances').selectAll().execute()).toEqual([]);
  });

  it('hands each dead connection to one of four sweepers running at once, and keeps live ones', async () => {
    for (let round = 0; round < 10; round++) {
      const now = Date.now();
      const dead = [`dead-a-${round}`, `dead-b-${round}`];
      const live = `live-${round}`;
      await lease(dead[0]!, now - 60_000);
      await lease(dead[1]!, now - 30_000);
      await lease(live, now);
      const deadUsers = Array.from({ length: 20 }, (_, i) => `user-${round}-${i}`);
      for (const [i, user] of deadUsers.entries()) await connect(dead[i % 2]!, user);
      await connect(live, `alive-${round}`);

      const cutoff = now - 10_000;
      const swept = await Promise.all([one, two, one, two].map((d) => sweepDeadInstances(d.db, cutoff)));
      expect(swept.flat().sort()).toEqual([...deadUsers].sort());

      const left = await one.db.selectFrom('push_connections').select(['user_id', 'instance_id']).execute();
      expect(left).toEqual([{ user_id: `alive-${round}`, instance_id: live }]);
      const leases = await one.db.selectFrom('push_instances').select('id').execute();
      expect(leases.map((l) => l.id)).toEqual([live]);
      // Swept once: the next sweeps find nothing.
      expect(await sweepDeadInstances(two.db, cutoff)).toEqual([]);
      await one.db.deleteFrom('push_connections').execute();
      await one.db.deleteFrom('push_instances').execute();
    }
  });
});
