// An app server killed outright (SIGKILL: no clean-up of its own) takes its users' presence with
// it. On PostgreSQL with two processes: carol's only connection is on A, bob watches through B;
// once A's lease is older than the dead time, B's sweep tells bob "offline" once, and B's
// directory says so, while alice, connected to B, stays available. A third one stopped cleanly
// hands its connections to the same sweep. One taken for dead while alive has its clients
// reconnect under a new lease. Instances whose clocks are 30 s off either way (the process's
// clock shifted: test/support/skewed-clock.ts) neither take the others for dead nor stay alive
// when killed. On SQLite (one instance): a restart after a SIGKILL keeps nobody online that the
// killed run had. Real processes and databases; intervals shortened through the
// configuration (CONVENE_PUSH_*).
import { setTimeout as sleep } from 'node:timers/promises';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Session } from '../../common/api.js';
import type { PeopleList } from '../../common/people.js';
import { PushClose } from '../../common/push.js';
import {
  getJson,
  loginDemo,
  startAppServerProcess,
  type AppServerProcess,
} from '../support/app-server-process.js';
import { startCoreApp } from '../support/core-app.js';
import { createTestDatabase, type TestDatabase } from '../support/databases.js';
import { connectPush, type TestPushClient } from '../support/push-client.js';

const HEARTBEAT_MS = 250;
const DEAD_AFTER_MS = 1500;
const LEASE_ENV = {
  CONVENE_PUSH_HEARTBEAT_MS: String(HEARTBEAT_MS),
  CONVENE_PUSH_DEAD_AFTER_MS: String(DEAD_AFTER_MS),
};

/** Presence by username, as the directory of `url` shows it to `viewer`. */
async function directory(url: string, viewer: Session): Promise<Record<string, string>> {
  const { people } = await getJson<PeopleList>(url, '/people', viewer.accessToken);
  return Object.fromEntries(people.map((p) => [p.username, p.presence]));
}

const changesOf = (client: TestPushClient, who: Session) =>
  client.presence.filter((c) => c.userId === who.user.id).map((c) => c.presence);

describe('an app server killed on PostgreSQL, another one live', () => {
  let database: TestDatabase;
  const servers: AppServerProcess[] = [];

  beforeAll(async () => {
    database = await createTestDatabase('postgres');
    servers.push(await startAppServerProcess(database, { seed: true, env: LEASE_ENV }));
    servers.push(await startAppServerProcess(database, { seed: false, env: LEASE_ENV }));
  }, 120_000);
  afterAll(async () => {
    await Promise.all(servers.map((s) => s.child.stop()));
    await database?.drop();
  });

  it("tells the other's clients once that its users are offline, within the dead time and a heartbeat", async () => {
    const [a, b] = servers as [AppServerProcess, AppServerProcess];
    const bob = await loginDemo(b.url, 'bob');
    const alice = await loginDemo(b.url, 'alice');
    const carol = await loginDemo(a.url, 'carol');
    const watcher = await connectPush(b.url, bob.accessToken, undefined, { presence: true });
    const alicePush = await connectPush(b.url, alice.accessToken);
    const carolPush = await connectPush(a.url, carol.accessToken);
    await watcher.waitForPresence(
      () =>
        changesOf(watcher, carol).includes('available') && changesOf(watcher, alice).includes('available'),
    );
    expect(await directory(b.url, bob)).toMatchObject({ carol: 'available', alice: 'available' });

    const killedAt = performance.now();
    a.child.process.kill('SIGKILL');
    await carolPush.closed;
    await watcher.waitForPresence(
      () => changesOf(watcher, carol).includes('offline'),
      DEAD_AFTER_MS + HEARTBEAT_MS + 5000,
    );
    const tookMs = performance.now() - killedAt;
    console.log(
      `carol offline for bob ${Math.round(tookMs)} ms after A was killed (dead after ${DEAD_AFTER_MS} ms, heartbeat ${HEARTBEAT_MS} ms)`,
    );
    // Not before A's lease lapsed (its last renewal was at most a heartbeat before the kill), and
    // no later than the sweep after that (some room for a busy machine).
    expect(tookMs).toBeGreaterThan(DEAD_AFTER_MS - 2 * HEARTBEAT_MS);
    expect(tookMs).toBeLessThan(DEAD_AFTER_MS + HEARTBEAT_MS + 1000);
    expect(await directory(b.url, bob)).toMatchObject({ carol: 'offline', alice: 'available' });

    // More sweeps come and go: carol was told once, alice (on the live instance) never went.
    await sleep(6 * HEARTBEAT_MS);
    expect(changesOf(watcher, carol)).toEqual(['available', 'offline']);
    expect(changesOf(watcher, alice)).toEqual(['available']);
    const rows = await database.open().then(async (d) => {
      try {
        return await d.db.selectFrom('push_connections').select('user_id').execute();
      } finally {
        await d.close();
      }
    });
    expect(rows.map((r) => r.user_id).sort()).toEqual([alice.user.id, bob.user.id].sort());
    await Promise.all([watcher.close(), alicePush.close()]);
  });

  it('tells them once too after a clean stop, a heartbeat after it, through the same sweep', async () => {
    const b = servers[1]!;
    const c = await startAppServerProcess(database, { seed: false, env: LEASE_ENV });
    servers.push(c);
    const bob = await loginDemo(b.url, 'bob');
    const carol = await loginDemo(c.url, 'carol');
    const watcher = await connectPush(b.url, bob.accessToken, undefined, { presence: true });
    await connectPush(c.url, carol.accessToken);
    await watcher.waitForPresence(() => changesOf(watcher, carol).includes('available'));

    const stoppedAt = performance.now();
    await c.child.stop(); // SIGTERM: closes its sockets, leaves its rows to a lease that lapses
    await watcher.waitForPresence(() => changesOf(watcher, carol).includes('offline'), 5000);
    const tookMs = performance.now() - stoppedAt;
    console.log(`carol offline for bob ${Math.round(tookMs)} ms after C was stopped`);
    expect(await directory(b.url, bob)).toMatchObject({ carol: 'offline' });
    await sleep(6 * HEARTBEAT_MS);
    expect(changesOf(watcher, carol)).toEqual(['available', 'offline']);
    await watcher.close();
  });
});

describe('app servers whose clocks are wrong, on PostgreSQL', () => {
  // A's clock is behind, C's ahead, by far more than the dead time; B's is right. Lease times are
  // the database's, so none of that matters: nobody is taken for dead while alive, and each dies
  // on time. (With the instances' own clocks, B would take A for dead at once, and C, seeing
  // everyone else's lease as old, would sweep them both; C dead would look alive for 30 s more.)
  const SKEW_MS = 30_000;
  let database: TestDatabase;
  const servers: AppServerProcess[] = [];

  beforeAll(async () => {
    database = await createTestDatabase('postgres');
    servers.push(
      await startAppServerProcess(database, { seed: true, env: LEASE_ENV, clockSkewMs: -SKEW_MS }),
    );
    servers.push(await startAppServerProcess(database, { seed: false, env: LEASE_ENV }));
    servers.push(
      await startAppServerProcess(database, { seed: false, env: LEASE_ENV, clockSkewMs: SKEW_MS }),
    );
  }, 120_000);
  afterAll(async () => {
    await Promise.all(servers.map((s) => s.child.stop()));
    await database?.drop();
  });

  it('keeps the live ones live, and tells of each dead one within the dead time and a heartbeat', async () => {
    const [a, b, c] = servers as [AppServerProcess, AppServerProcess, AppServerProcess];
    const bob = await loginDemo(b.url, 'bob');
    const carol = await loginDemo(a.url, 'carol');
    const alice = await loginDemo(c.url, 'alice');
    // The skew is real: each instance stamps the tokens it issues with its own clock.
    const issuedAt = (s: Session) =>
      (JSON.parse(Buffer.from(s.accessToken.split('.')[1]!, 'base64url').toString()) as { iat: number }).iat;
    const nowSeconds = Date.now() / 1000;
    expect(issuedAt(carol) - nowSeconds).toBeLessThan(-SKEW_MS / 1000 + 5);
    expect(issuedAt(alice) - nowSeconds).toBeGreaterThan(SKEW_MS / 1000 - 5);
    const watcher = await connectPush(b.url, bob.accessToken, undefined, { presence: true });
    const carolPush = await connectPush(a.url, carol.accessToken);
    const alicePush = await connectPush(c.url, alice.accessToken);
    await watcher.waitForPresence(
      () =>
        changesOf(watcher, carol).includes('available') && changesOf(watcher, alice).includes('available'),
    );

    // Many dead times and heartbeats: every instance stays live for every other.
    await sleep(4 * DEAD_AFTER_MS);
    expect(changesOf(watcher, carol)).toEqual(['available']);
    expect(changesOf(watcher, alice)).toEqual(['available']);
    for (const server of servers) {
      expect(await directory(server.url, bob)).toMatchObject({ carol: 'available', alice: 'available' });
    }
    // Not taken for dead either by their own reckoning: no new lease, so their sockets stay open.
    const sockets = [watcher, carolPush, alicePush].map((client) => client.socket.readyState);
    expect(sockets).toEqual([WebSocket.OPEN, WebSocket.OPEN, WebSocket.OPEN]);

    for (const [server, who, name] of [
      [c, alice, 'C (clock ahead)'],
      [a, carol, 'A (clock behind)'],
    ] as const) {
      const killedAt = performance.now();
      server.child.process.kill('SIGKILL');
      await watcher.waitForPresence(
        () => changesOf(watcher, who).includes('offline'),
        DEAD_AFTER_MS + HEARTBEAT_MS + 5000,
      );
      const tookMs = performance.now() - killedAt;
      console.log(`${who.user.username} offline for bob ${Math.round(tookMs)} ms after ${name} was killed`);
      expect(tookMs).toBeGreaterThan(DEAD_AFTER_MS - 2 * HEARTBEAT_MS);
      expect(tookMs).toBeLessThan(DEAD_AFTER_MS + HEARTBEAT_MS + 1000);
    }
    await sleep(6 * HEARTBEAT_MS);
    expect(changesOf(watcher, carol)).toEqual(['available', 'offline']);
    expect(changesOf(watcher, alice)).toEqual(['available', 'offline']);
    expect(await directory(b.url, bob)).toMatchObject({ carol: 'offline', alice: 'offline' });
    await watcher.close();
  });
});

describe('the only app server on SQLite, killed and started again', () => {
  let database: TestDatabase;
  let server: AppServerProcess | undefined;

  beforeAll(async () => {
    database = await createTestDatabase('sqlite');
  });
  afterAll(async () => {
    await server?.child.stop();
    await database?.drop();
  });

  it('keeps nobody online that the killed run had', async () => {
    // A dead time longer than the test: only clearing at start-up can make carol offline.
    const env = { CONVENE_PUSH_DEAD_AFTER_MS: '600000' };
    server = await startAppServerProcess(database, { seed: true, env });
    const bob = await loginDemo(server.url, 'bob');
    const carol = await loginDemo(server.url, 'carol');
    const carolPush = await connectPush(server.url, carol.accessToken);
    expect(await directory(server.url, bob)).toMatchObject({ carol: 'available' });

    server.child.process.kill('SIGKILL');
    await carolPush.closed;
    server = await startAppServerProcess(database, { seed: false, env });
    expect(await directory(server.url, bob)).toMatchObject({ carol: 'offline' });

    // And a connection to the new run counts as before.
    const again = await connectPush(server.url, carol.accessToken);
    expect(await directory(server.url, bob)).toMatchObject({ carol: 'available' });
    await again.close();
  });
});

describe('an app server taken for dead while alive (it stalled past the dead time)', () => {
  it('takes a new lease and has its clients reconnect, so they count as online again', async () => {
    const core = await startCoreApp('postgres', { env: LEASE_ENV });
    try {
      const url = await core.app.listen({ host: '127.0.0.1', port: 0 });
      await core.addUser('bob');
      const bob = await core.login('bob');
      const first = await connectPush(url, bob.accessToken);
      expect(await core.app.push.registry.online([bob.user.id])).toEqual(new Set([bob.user.id]));

      // What another instance's sweep does to an instance it takes for dead.
      const { db } = core.app.database;
      await db.deleteFrom('push_instances').execute();
      await db.deleteFrom('push_connections').execute();
      expect(await core.app.push.registry.online([bob.user.id])).toEqual(new Set());

      expect((await first.closed).code).toBe(PushClose.GOING_AWAY);
      const second = await connectPush(url, bob.accessToken);
      expect(await core.app.push.registry.online([bob.user.id])).toEqual(new Set([bob.user.id]));
      expect(await db.selectFrom('push_instances').select('id').execute()).toHaveLength(1);
      await second.close();
    } finally {
      await core.close();
    }
  });
});
