// Authenticated joins: autocannon on loopback posts POST /rooms/:id/join with a signed-in
// user's bearer token at the real app server of a test stack (real LiveKit behind it), once on
// SQLite and once on PostgreSQL. Each answer is a freshly minted LiveKit token plus a row in
// join_tokens_issued. Prints joins/s, p50 and p99, checks every join was recorded, and then
// times the parts of one join in isolation to show where the time goes.
// Target: 5,000 joins/s, p99 < 25 ms.
import autocannon from 'autocannon';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import type { Room, Session } from '../../common/api.js';
import { startStack } from '../../scripts/stack/stack.js';
import { verifyJwt, signJwt } from '../../server/src/auth/jwt.js';
import { openDatabase, type DialectName } from '../../server/src/db/database.js';
import { grantsFor } from '../../server/src/join/grants.js';
import { DEMO_PASSWORD } from '../../server/src/users/demo-seed.js';
import { createTestDatabase } from '../../test/support/databases.js';
import { AccessToken } from 'livekit-server-sdk';

const JOINS = Number(process.env.BENCH_JOINS ?? 20_000);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 32);
const TARGET_RPS = 5_000;
const TARGET_P99_MS = 25;

async function post<T>(url: string, body: unknown, token?: string): Promise<T> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`${url}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

/** CPU seconds used so far by the process listening on `port` (Linux: ss and /proc), or null.
 *  On a shared machine wall-clock rates depend on the neighbours; CPU per join does not. */
function listenerCpuSeconds(port: number): number | null {
  try {
    const out = execFileSync('ss', ['-ltnpH', `sport = :${port}`], { encoding: 'utf8' });
    const pid = /pid=(\d+)/.exec(out)?.[1];
    if (!pid) return null;
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
    // utime and stime are fields 14 and 15 of stat(5), in clock ticks of 1/100 s.
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return null;
  }
}

async function run(dialect: DialectName): Promise<boolean> {
  const testDb = await createTestDatabase(dialect);
  const stack = await startStack({
    mode: 'test',
    seedUsers: true,
    appEnv: { ...testDb.env, CONVENE_LOG_LEVEL: 'warn' },
  });
  try {
    const session = await post<Session>(`${stack.appUrl}/auth/login`, {
      username: 'alice',
      password: DEMO_PASSWORD,
    });
    const room = await post<Room>(`${stack.appUrl}/rooms`, { title: 'Bench room' }, session.accessToken);
    const appPort = Number(new URL(stack.appUrl).port);
    const cpuBefore = listenerCpuSeconds(appPort);
    const result = await autocannon({
      url: `${stack.appUrl}/rooms/${room.id}/join`,
      method: 'POST',
      headers: { authorization: `Bearer ${session.accessToken}` },
      connections: CONNECTIONS,
      amount: JOINS,
    });
    const database =
      dialect === 'sqlite' ? await openDatabase({ dataDir: stack.dataDir }) : await testDb.open();
    const recorded = await database.db
      .selectFrom('join_tokens_issued')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('room_id', '=', room.id)
      .executeTakeFirstOrThrow();
    await database.close();

    const cpuAfter = listenerCpuSeconds(appPort);
    const perSecond = result['2xx'] / result.duration;
    console.log(
      `${dialect.padEnd(8)} ${JOINS} joins, ${CONNECTIONS} connections, ${result.duration} s: ${Math.round(perSecond)} joins/s, ` +
        `p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms; 2xx ${result['2xx']}, ` +
        `non-2xx ${result.non2xx}, errors ${result.errors}; recorded ${recorded.n}`,
    );
    if (cpuBefore !== null && cpuAfter !== null && cpuAfter > cpuBefore) {
      const cpu = cpuAfter - cpuBefore;
      console.log(
        `${dialect.padEnd(8)} app server CPU: ${cpu.toFixed(1)} s for ${result['2xx']} joins = ` +
          `${Math.round(result['2xx'] / cpu)} joins per CPU second (${((cpu * 1e6) / result['2xx']).toFixed(0)} µs each)`,
      );
    }
    const ok = result.non2xx === 0 && Number(recorded.n) === result['2xx'];
    if (!ok) console.log(`${dialect}: FAILED, joins were refused or not recorded`);
    if (perSecond < TARGET_RPS) console.log(`${dialect}: below the target of ${TARGET_RPS} joins/s`);
    if (result.latency.p99 >= TARGET_P99_MS)
      console.log(`${dialect}: p99 above the target of ${TARGET_P99_MS} ms`);
    return ok;
  } finally {
    await stack.stop();
    await testDb.drop();
  }
}

const time = async (label: string, n: number, fn: () => unknown) => {
  const start = performance.now();
  for (let i = 0; i < n; i++) await fn();
  const us = ((performance.now() - start) * 1000) / n;
  console.log(
    `  ${label.padEnd(44)} ${us.toFixed(1).padStart(7)} µs  (${Math.round(1e6 / us)}/s, one at a time)`,
  );
};

/** The parts of one join, timed alone in this process, one after another. */
async function breakdown(): Promise<void> {
  const n = 5_000;
  const secret = 'x'.repeat(48);
  const now = Math.floor(Date.now() / 1000);
  const access = await signJwt(
    { sub: 'u', usr: 'alice', name: 'Alice', adm: false, iat: now, exp: now + 600 },
    secret,
  );
  console.log('Where the time of one join goes:');
  await time('verify the access token (HS256)', n, () => verifyJwt(access, secret));
  await time('mint the LiveKit token (livekit-server-sdk)', n, () => {
    const token = new AccessToken('APIkey', secret, {
      identity: randomUUID(),
      name: 'Alice',
      ttl: '10m',
      metadata: '{"role":"host"}',
    });
    token.addGrant(grantsFor('host', 'room'));
    return token.toJwt();
  });
  for (const dialect of ['sqlite', 'postgres'] as const) {
    const testDb = await createTestDatabase(dialect);
    const database = await testDb.open();
    await time(`record the join (${dialect} insert)`, 2_000, () =>
      database.db
        .insertInto('join_tokens_issued')
        .values({
          id: randomUUID(),
          room_id: 'room',
          identity: 'u',
          display_name: 'Alice',
          role: 'host',
          address: '127.0.0.1',
          user_agent: 'bench',
          issued_at: Date.now(),
        })
        .execute(),
    );
    await database.close();
    await testDb.drop();
  }
}

let ok = true;
for (const dialect of ['sqlite', 'postgres'] as const) ok = (await run(dialect)) && ok;
await breakdown();
process.exit(ok ? 0 : 1);
