// The local stack: livekit-server and the app server on loopback, on free ports. Used by
// `npm start`, by the test fixtures and by the benchmarks, so all three run the same thing.
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { ChildExitedError, spawnManaged, waitForHttp, type ManagedChild } from './child-process.js';
import { persistentKeyPair, randomKeyPair, type ApiKeyPair } from './keys.js';
import { startLivekitNode, type LivekitNode } from './livekit-node.js';
import type { PlayoutDelay } from './livekit-config.js';
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
  /** How many app servers (default 1). More than one share the database (give DATABASE_URL in
   *  appEnv) and LiveKit sends every webhook to each: the no-loss deployment. */
  appServers?: number;
  /** A non-loopback address of this host for LiveKit to listen on and announce (node_ip), for
   *  bots in a network namespace; loopback clients keep working. */
  nodeIp?: string;
  /** ICE on nodeIp alone, as a LiveKit server with one address offers it (livekit-config.ts). */
  iceOnlyOnNodeIp?: boolean;
  /** LiveKit's playout delay for every room (livekit-config.ts); benchmarks try it. */
  playoutDelay?: PlayoutDelay;
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
  /** The LiveKit server process (tests kill and restart it). */
  livekit: LivekitNode;
  /** Every app server of the stack; the first one answers at appUrl. */
  apps: AppServer[];
  stop(): Promise<void>;
}

/** One app server process; LiveKit sends each webhook to every one of them. */
export interface AppServer {
  url: string;
  child: ManagedChild;
  /** Starts it again on the same port and environment (after it was stopped or killed). */
  restart(): Promise<void>;
}

async function startApp(
  opts: StackOptions,
  env: Record<string, string>,
  appPort: number,
): Promise<AppServer> {
  const spawn = async () => {
    const child = spawnManaged(
      `app server :${appPort}`,
      process.execPath,
      ['--import', 'tsx', 'server/src/main.ts'],
      {
        cwd: REPO_ROOT,
        env: { ...process.env, ...env, CONVENE_PORT: String(appPort), ...opts.appEnv },
        onLine: (line) => opts.onLine?.('app', line),
      },
    );
    await waitForHttp(child, `http://127.0.0.1:${appPort}/health/ready`, 60_000);
    return child;
  };
  const app: AppServer = {
    url: `http://127.0.0.1:${appPort}`,
    child: await spawn(),
    async restart() {
      await app.child.stop();
      app.child = await spawn();
    },
  };
  return app;
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
  const morePorts: number[] = [];
  for (let i = 1; i < (opts.appServers ?? 1); i++) morePorts.push(await freeTcpPort());
  const webhookUrl = (port: number) => `http://127.0.0.1:${port}/webhooks/livekit`;
  let livekit: LivekitNode | undefined;
  const apps: AppServer[] = [];
  const stop = async (): Promise<void> => {
    await Promise.all([livekit?.child, ...apps.map((a) => a.child)].map((c) => c?.stop()));
    if (opts.mode === 'test') await rm(dataDir, { recursive: true, force: true });
  };

  try {
    livekit = await startLivekitNode({
      name: 'livekit-server',
      keys,
      webhookUrl: webhookUrl(appPort),
      ...(morePorts.length ? { extraWebhookUrls: morePorts.map(webhookUrl) } : {}),
      mode: opts.mode,
      workDir: dataDir,
      ...(opts.nodeIp ? { nodeIp: opts.nodeIp, iceOnlyOnNodeIp: opts.iceOnlyOnNodeIp ?? false } : {}),
      ...(opts.playoutDelay ? { playoutDelay: opts.playoutDelay } : {}),
      onLine: (line) => opts.onLine?.('livekit', line),
    });
    const livekitUrl = `ws://127.0.0.1:${livekit.port}`;
    const livekitApiUrl = `http://127.0.0.1:${livekit.port}`;
    const appUrl = `http://127.0.0.1:${appPort}`;
    const stack = { livekitUrl, livekitApiUrl, keys, appUrl, dataDir, livekit, apps, stop };
    if (opts.appServer === false) return stack;
    const env = {
      CONVENE_HOST: '127.0.0.1',
      CONVENE_DATA_DIR: dataDir,
      CONVENE_SEED_DEMO: opts.mode === 'dev' || opts.seedUsers ? '1' : '0',
      CONVENE_PUBLIC_URL: `http://127.0.0.1:${appPort}`,
      LIVEKIT_URL: livekitUrl,
      LIVEKIT_API_URL: livekitApiUrl,
      LIVEKIT_API_KEY: keys.apiKey,
      LIVEKIT_API_SECRET: keys.apiSecret,
    };
    // One after the other: the first migrates the database, the others find it ready.
    for (const port of [appPort, ...morePorts]) apps.push(await startApp(opts, env, port));
    return stack;
  } catch (err) {
    await stop();
    throw err;
  }
}
