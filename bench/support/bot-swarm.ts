// Many video bots in one room, for benchmarks and end-to-end tests: starts a bot process
// (video-bots.ts, or the Go publisher: bot-publisher.ts) and talks to it one JSON line at a time. The bots reach LiveKit at a non-loopback
// test address (host-address.ts). Tokens are minted here with the stack's keys: the bots are load,
// not users of the app server.
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { AccessToken } from 'livekit-server-sdk';
import { REPO_ROOT, type Stack } from '../../scripts/stack/stack.js';
import { botCommand, type BotPublisher } from './bot-publisher.js';
import { BOT_VIDEOS, type BotVideoName } from './bot-video.js';
import type { BotCommand, BotReply } from './video-bots.js';

export interface BotSwarm {
  publisher: BotPublisher;
  fps: number;
  /** Joins bots `bot-<from>`…; each publishes a camera unless `camera` is false. */
  join(ids: string[], opts?: { camera?: boolean }): Promise<void>;
  leave(ids: string[]): Promise<void>;
  /** CPU the bot process has used so far (µs) and for how long it has run. */
  usage(): Promise<{ cpuMicros: number; wallMicros: number }>;
  stop(): Promise<void>;
}

const FIRST = ['Ada', 'Grace', 'Alan', 'Edsger', 'Barbara', 'Ken', 'Linus', 'Margaret', 'Donald', 'Frances'];
const LAST = [
  'Lovelace',
  'Hopper',
  'Turing',
  'Dijkstra',
  'Liskov',
  'Thompson',
  'Torvalds',
  'Hamilton',
  'Knuth',
];

/** A readable, distinct name per bot number, so tiles and their initials differ. */
export function botName(n: number): string {
  return `${FIRST[n % FIRST.length]} ${LAST[Math.floor(n / FIRST.length) % LAST.length]} ${n}`;
}

async function tokenFor(stack: Stack, room: string, id: string): Promise<string> {
  const n = Number(id.replace(/\D/g, '')) || 0;
  const token = new AccessToken(stack.keys.apiKey, stack.keys.apiSecret, {
    identity: id,
    name: botName(n),
    metadata: JSON.stringify({ role: 'participant' }),
    ttl: '1h',
  });
  token.addGrant({ room, roomJoin: true, canPublish: true, canSubscribe: false, canPublishData: true });
  return token.toJwt();
}

export interface SwarmOptions {
  /** What every bot of this swarm publishes (bot-video.ts); 'small' unless said. */
  video?: BotVideoName;
  /** 'node' unless said (bot-publisher.ts). */
  publisher?: BotPublisher;
  /** Frames a second each bot sends; the video's own rate unless said. */
  fps?: number;
}

/** `hostIp`: the address LiveKit announces (the stack's nodeIp). Resolves once the bot process
 *  is started (for the Go publisher, after building it if its cache has none yet). */
export async function startBotSwarm(
  stack: Stack,
  hostIp: string,
  room: string,
  { video = 'small', publisher = 'node', fps = BOT_VIDEOS[video].fps }: SwarmOptions = {},
): Promise<BotSwarm> {
  const url = stack.livekitUrl.replace('127.0.0.1', hostIp);
  const { command, args } = await botCommand(publisher, video, fps);
  const child: ChildProcess = spawn(command, args, { cwd: REPO_ROOT, stdio: ['pipe', 'pipe', 'inherit'] });
  const waiting: Array<(reply: BotReply) => void> = [];
  createInterface({ input: child.stdout! }).on('line', (line) => {
    if (!line.startsWith('{"cmd"')) return; // the SDK's own logging
    if (process.env.BOT_DEBUG) console.log(line);
    waiting.shift()?.(JSON.parse(line) as BotReply);
  });
  // Replies come back in order: the bot process answers one command before reading the next.
  let queue = Promise.resolve<unknown>(undefined);
  const send = <R extends BotReply>(command: BotCommand): Promise<R> => {
    const next = queue.then(
      () =>
        new Promise<R>((resolve, reject) => {
          if (child.exitCode !== null) return reject(new Error('the bot process has exited'));
          waiting.push((reply) =>
            reply.cmd === 'error' ? reject(new Error(`bot process: ${reply.error}`)) : resolve(reply as R),
          );
          child.stdin!.write(JSON.stringify(command) + '\n');
        }),
    );
    queue = next.catch(() => undefined);
    return next;
  };
  return {
    publisher,
    fps,
    async join(ids, opts = {}) {
      const bots = await Promise.all(
        ids.map(async (id) => ({ id, token: await tokenFor(stack, room, id), camera: opts.camera ?? true })),
      );
      const reply = await send<Extract<BotReply, { cmd: 'join' }>>({ cmd: 'join', url, bots });
      if (reply.failed.length > 0) throw new Error(`bots failed to join: ${JSON.stringify(reply.failed)}`);
    },
    async leave(ids) {
      await send({ cmd: 'leave', ids });
    },
    async usage() {
      const reply = await send<Extract<BotReply, { cmd: 'usage' }>>({ cmd: 'usage' });
      return { cpuMicros: reply.cpuMicros, wallMicros: reply.wallMicros };
    },
    async stop() {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.stdin!.end();
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    },
  };
}
