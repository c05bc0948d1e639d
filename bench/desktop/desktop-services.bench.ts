// The desktop main process's own costs, with real parts: a local stack (app server + LiveKit),
// the services of electron/services/ composed as main.ts composes them.
//  - IPC dispatch overhead: origin check + zod validation + error shaping per call, with a
//    handler that does nothing (what every renderer call pays before any real work);
//  - sign-in, silent sign-in (launch with a stored refresh token) and rooms.join through the
//    contract handlers against the real app server.
// The keychain is replaced by the in-memory store here: the benchmark measures our code and the
// server, not gnome-keyring's D-Bus round trips.
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { dispatch } from '../../electron/ipc.js';
import type { Handlers } from '../../electron/services/handlers.js';
import { createDesktopServices } from '../../electron/services/desktop-services.js';
import { createLogger } from '../../electron/services/logger.js';
import { startTestStack } from '../../test/support/stack.js';

const quiet = { write: () => undefined };
const log = createLogger(quiet, 'bench');

function summary(samples: number[]): string {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
  return `median ${at(0.5).toFixed(2)} ms, p95 ${at(0.95).toFixed(2)} ms (n=${samples.length})`;
}

async function dispatchOverhead(): Promise<void> {
  const noop = new Proxy({} as Handlers, { get: () => () => undefined });
  const body = { title: 'Weekly planning', kind: 'permanent', waitingRoom: true, maxParticipants: 50 };
  const args = { route: 'rooms.create', args: { body } };
  const calls = 20_000;
  for (let i = 0; i < 2_000; i += 1) await dispatch(noop, 'api.call', args, 'app://convene/', {}, log);
  const started = performance.now();
  for (let i = 0; i < calls; i += 1) await dispatch(noop, 'api.call', args, 'app://convene/', {}, log);
  const perCall = ((performance.now() - started) / calls) * 1000;
  console.log(
    `IPC dispatch (origin check + envelope validation), api.call: ${perCall.toFixed(1)} µs per call`,
  );
}

async function againstServer(): Promise<void> {
  const stack = await startTestStack({ CONVENE_SEED_DEMO: '1' });
  try {
    const make = async (userDataDir: string) =>
      createDesktopServices({
        appInfo: { name: 'Convene', version: 'bench', platform: 'linux', electronVersion: null },
        userDataDir,
        policyPath: join(userDataDir, 'no-policy.json'),
        keytar: undefined,
        encryption: undefined,
        sources: { list: async () => [] },
        audioSupported: false,
        emit: () => undefined,
        logSink: quiet,
      });
    const services = await make(await mkdtemp(join(tmpdir(), 'convene-bench-')));
    let started = performance.now();
    await services.auth.signIn(stack.appUrl, 'alice', 'convene-demo');
    console.log(`sign-in: ${(performance.now() - started).toFixed(1)} ms`);

    const refreshes: number[] = [];
    for (let i = 0; i < 30; i += 1) {
      started = performance.now();
      await services.auth.refresh();
      refreshes.push(performance.now() - started);
    }
    console.log(`silent sign-in / token refresh: ${summary(refreshes)}`);

    const call = services.handlers['api.call'];
    const room = (await call({ route: 'rooms.create', args: { body: { title: 'Bench room' } } })) as {
      id: string;
    };
    const joins: number[] = [];
    for (let i = 0; i < 30; i += 1) {
      started = performance.now();
      await call({ route: 'rooms.join', args: { params: { id: room.id } } });
      joins.push(performance.now() - started);
    }
    console.log(`rooms.join through api.call (table validation, token, HTTP): ${summary(joins)}`);
    await services.auth.signOut();
    services.dispose();
  } finally {
    await stack.stop();
  }
}

await dispatchOverhead();
await againstServer();
