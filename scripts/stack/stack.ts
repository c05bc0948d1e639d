// The local stack: livekit-server and the app server on loopback, on free ports. Used by
// `npm start`, by the test fixtures and by the benchmarks, so all three run the same thing.
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { ChildExitedError, spawnManaged, waitForHttp, type ManagedChild } from './child-process.js';
import { persistentKeyPair, randomKeyPair, type ApiKeyPair } from './keys.js';
import { startLivekitNode } from './livekit-node.js';
import { freeTcpPort } from './ports.js';

export const REPO_ROOT = resolve(import.meta.dirname, '..', '..');

export interface StackOptions {
  /** 'test': throwaway data and keys, short room timeouts. 'dev': data and keys kept in .convene/. */
  mode: 'test' | 'dev';
  appPort?: number;
  /** Extra environment for the app server (e.g. DATABASE_URL). */
  appEnv?: Record<string, string>;
  /** Seed the demo users (alice, bob, carol; password "convene-demo"). Always on in 'dev' mode. */
  seedUsers?: boolean;
  /** false: LiveKit only, for tests that build the app server in process (default true). */
  appServer?: boolean;
  /** A non-loopback address of this host for LiveKit to listen on and announce (node_ip), for
   *  bots in a network namespace; loopback clients keep working. */
  nodeIp?: string;
  onLine?: (source: 'livekit' | 'app', line: string) => void;
}

export interface Stack {
  /** WebSocket URL clients connect to. */
  livekitUrl: string;
  /** HTTP URL of LiveKit's API (RoomService). */
  livekitApiUrl: string;
  keys: ApiKeyPair;
  appUrl: string;
  dataDir: string;
  stop(): Promise<void>;
}

async function startApp(opts: StackOptions, env: Record<string, string>, appPort: number) {
  const child = spawnManaged('app server', process.execPath, ['--import', 'tsx', 'server/src/main.ts'], {
    cwd: REPO_ROOT,
    env: { ...process.env, ...env, ...opts.appEnv },
    onLine: (line) => opts.onLine?.('app', line),
  });
  await waitForHttp(child, `http://127.0.0.1:${appPort}/health/ready`, 60_000);
  return child;
}

export async function startStack(opts: StackOptions): Promise<Stack> {
  // Free ports are asked of the OS before the servers bind them, so another process can take
  // one in between; a server that then exits at start-up gets one more try on fresh ports.
  const attempts = 3;
  for (let attempt = 1; ; attempt++) {
    try {
      return await startStackOnce(opts);
    } catch (err) {
      if (attempt >= attempts || !(err instanceof ChildExitedError)) throw err;
      opts.onLine?.('livekit', `stack start failed (${err.message.split('\n')[0]}); retrying on fresh ports`);
    }
  }
}

async function startStackOnce(opts: StackOptions): Promise<Stack> {
  const dataDir =
    opts.mode === 'dev'
      ? join(REPO_ROOT, '.convene', 'data')
      : await mkdtemp(join(tmpdir(), 'convene-stack-'));
  // Private from the start: it holds the database (and its signing secret) and LiveKit's keys.
  await mkdir(dataDir, { recursive: true, mode: 0o700 });
  const keys =
    opts.mode === 'dev'
      ? await persistentKeyPair(join(REPO_ROOT, '.convene', 'livekit-keys.json'))
      : randomKeyPair();
  const appPort = opts.appPort ?? (await freeTcpPort());
  const children: ManagedChild[] = [];
  const stop = async (): Promise<void> => {
    await Promise.all(children.splice(0).map((c) => c.stop()));
    if (opts.mode === 'test') await rm(dataDir, { recursive: true, force: true });
  };

  try {
    const livekit = await startLivekitNode({
      name: 'livekit-server',
      keys,
      webhookUrl: `http://127.0.0.1:${appPort}/webhooks/livekit`,
      mode: opts.mode,
      workDir: dataDir,
      ...(opts.nodeIp ? { nodeIp: opts.nodeIp } : {}),
      onLine: (line) => opts.onLine?.('livekit', line),
    });
    children.push(livekit.child);
    const livekitUrl = `ws://127.0.0.1:${livekit.port}`;
    const livekitApiUrl = `http://127.0.0.1:${livekit.port}`;
    const appUrl = `http://127.0.0.1:${appPort}`;
    if (opts.appServer === false) return { livekitUrl, livekitApiUrl, keys, appUrl, dataDir, stop };
    const app = await startApp(
      opts,
      {
        CONVENE_HOST: '127.0.0.1',
        CONVENE_PORT: String(appPort),
        CONVENE_DATA_DIR: dataDir,
        CONVENE_SEED_DEMO: opts.mode === 'dev' || opts.seedUsers ? '1' : '0',
        CONVENE_PUBLIC_URL: `http://127.0.0.1:${appPort}`,
        LIVEKIT_URL: livekitUrl,
        LIVEKIT_API_URL: livekitApiUrl,
        LIVEKIT_API_KEY: keys.apiKey,
        LIVEKIT_API_SECRET: keys.apiSecret,
      },
      appPort,
    );
    children.push(app);
    return { livekitUrl, livekitApiUrl, keys, appUrl, dataDir, stop };
  } catch (err) {
    await stop();
    throw err;
  }
}
