// App servers as real processes (server/src/main.ts) on one test database, for tests of several
// instances: fan-out between them, one of them killed. Live, not ready: readiness includes
// LiveKit, which these tests do not start. Plus the little HTTP they need (demo users' sign-in).
import type { Session } from '../../common/api.js';
import { spawnManaged, waitForHttp, type ManagedChild } from '../../scripts/stack/child-process.js';
import { freeTcpPort } from '../../scripts/stack/ports.js';
import { REPO_ROOT } from '../../scripts/stack/stack.js';
import { DEMO_PASSWORD } from '../../server/src/users/demo-seed.js';
import type { TestDatabase } from './databases.js';

/** The LiveKit keys these processes are configured with (nothing listens at LIVEKIT_URL), so a
 *  test can sign webhooks to them. */
export const APP_SERVER_LIVEKIT_KEYS = { apiKey: 'APIunused', apiSecret: 'unused-secret-'.padEnd(40, 'x') };

export interface AppServerProcess {
  child: ManagedChild;
  url: string;
}

/** Starts one; with `seed` it seeds the demo users (start that one first: it also migrates). */
export async function startAppServerProcess(
  database: TestDatabase,
  options: { seed: boolean; env?: Record<string, string>; clockSkewMs?: number },
): Promise<AppServerProcess> {
  const port = await freeTcpPort();
  // A wrong clock on this instance's machine (test/support/skewed-clock.ts).
  const skewed = options.clockSkewMs ? ['--import', './test/support/skewed-clock.ts'] : [];
  const args = ['--import', 'tsx', ...skewed, 'server/src/main.ts'];
  const child = spawnManaged('app server', process.execPath, args, {
    cwd: REPO_ROOT,
    env: {
      ...process.env,
      ...database.env,
      CONVENE_HOST: '127.0.0.1',
      CONVENE_PORT: String(port),
      CONVENE_DATA_DIR: database.dataDir,
      CONVENE_SEED_DEMO: options.seed ? '1' : '0',
      CONVENE_LOG_LEVEL: 'warn',
      LIVEKIT_URL: 'ws://127.0.0.1:1',
      LIVEKIT_API_KEY: APP_SERVER_LIVEKIT_KEYS.apiKey,
      LIVEKIT_API_SECRET: APP_SERVER_LIVEKIT_KEYS.apiSecret,
      ...options.env,
      ...(options.clockSkewMs ? { CONVENE_TEST_CLOCK_SKEW_MS: String(options.clockSkewMs) } : {}),
    },
    onLine: (line) => (process.env.CONVENE_STACK_LOGS ? console.log(`[app:${port}] ${line}`) : undefined),
  });
  const url = `http://127.0.0.1:${port}`;
  await waitForHttp(child, `${url}/health/live`, 60_000);
  return { child, url };
}

export async function postJson<T>(url: string, path: string, body: unknown, token?: string): Promise<T> {
  const res = await fetch(`${url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

export async function getJson<T>(url: string, path: string, token: string): Promise<T> {
  const res = await fetch(`${url}${path}`, { headers: { authorization: `Bearer ${token}` } });
  if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

/** Signs a demo user (alice, bob, carol) in. */
export const loginDemo = (url: string, username: string) =>
  postJson<Session>(url, '/auth/login', { username, password: DEMO_PASSWORD });
