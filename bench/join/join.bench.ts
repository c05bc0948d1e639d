// Join latency as a user feels it: from the click on "Join now" in the lobby to the first
// decoded frame of a remote participant's video (requestVideoFrameCallback), over 20 joins into
// a room where one participant publishes, twice: clicking as soon as Join is enabled, and clicking
// once the lobby's pre-connect is ready (the grant fetched, the way to LiveKit warmed). Real parts only: the web client served by the app
// server of a local stack, real LiveKit, Debian's Chromium with fake devices. Also prints the
// gzipped size of the renderer's initial JavaScript.
// Where LiveKit is: by default at a test host address that it alone announces for ICE, as a
// deployed server with one address is reached (host-address.ts; needs root). With
// BENCH_JOIN_LOOPBACK=1, or without root, on loopback as the dev stack runs it: there Chromium
// first tries its eth0 address against LiveKit's 127.0.0.1, is never answered, and loses one ICE
// pacing interval (31 ms in the median, up to ~50) in most joins; the benchmark prints which pair ICE chose.
// Who publishes (BENCH_JOIN_PUBLISHER=chromium|go|both, both unless said): Alice in this machine's
// Chromium with its fake camera (720p30 simulcast, encoded live), and then a Go bot sending a
// pre-encoded 320×180 clip at 30 fps (the layer LiveKit forwards to Bob first), so that the
// publisher's encoder, which in a meeting runs on another machine, does not share these two
// cores with the joiner; Bob's own camera is encoded in both.
// Each click comes ≥ 800 ms after the previous join's first frame (BENCH_JOIN_GAP_MS, see GAP_MS);
// BENCH_JOIN_TRACE=1 prints the joiner's main-thread tasks per pre-connected join
// (main-thread-trace.ts).
// Targets: median ≤ 150 ms and p90 ≤ 220 ms with pre-connect, initial JS ≤ 250 KB gzipped.
import { chromium, type Page } from '@playwright/test';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'vite';
import { REPO_ROOT, startStack } from '../../scripts/stack/stack.js';
import { chromiumArgs, chromiumPath } from '../../test/e2e/chromium.js';
import { createRoomAsAlice } from '../support/app-api.js';
import { startBotSwarm } from '../support/bot-swarm.js';
import { droppedTracks } from '../support/signal-requests.js';
import { extraBrowserFlags } from '../support/browser-flags.js';
import { createHostAddress, hostAddressUnavailable } from '../support/host-address.js';
import { allScripts, initialScripts } from './initial-js.js';
import { mainThreadTimeline, startTrace, stopTrace } from './main-thread-trace.js';
import { TRANSPORT_PROBE, TRANSPORT_STEPS } from './transport-probe.js';

const JOINS = Number(process.env.BENCH_JOINS ?? 20);
/** Each click comes at least this long after the previous join's first frame. LiveKit sends a
 *  publisher at most one key-frame request per 500 ms for its low layer (pli_throttle), the one a
 *  joiner gets first: a join right after the last one would wait out the request that join
 *  made, which people joining a meeting one after another do not. 0 measures back to back. */
const GAP_MS = Number(process.env.BENCH_JOIN_GAP_MS ?? 800);
/** BENCH_JOIN_TRACE=1: a Chromium trace of each pre-connected join, its main thread printed. */
const TRACE = Boolean(process.env.BENCH_JOIN_TRACE);
/** Who publishes the video Bob waits for (BENCH_JOIN_PUBLISHER, both unless said). */
const PUBLISHER_LABELS = {
  chromium: 'Alice in Chromium on this machine',
  go: 'a Go bot sending a pre-encoded clip',
} as const;
type JoinPublisher = keyof typeof PUBLISHER_LABELS;
const PUBLISHERS = publishersFromEnv(process.env.BENCH_JOIN_PUBLISHER);

function publishersFromEnv(value: string | undefined): JoinPublisher[] {
  if (value === undefined || value === '' || value === 'both') return ['chromium', 'go'];
  if (value === 'chromium' || value === 'go') return [value];
  throw new Error(`BENCH_JOIN_PUBLISHER must be chromium, go or both, not ${value}`);
}
const TARGET_MEDIAN_MS = 150;
const TARGET_P90_MS = 220;
const TARGET_INITIAL_KB = 250;
const STEPS = [
  'join-granted',
  'connecting',
  'signal-connected',
  'connected',
  'first-remote-track',
  'first-remote-frame',
] as const;

const distDir = join(REPO_ROOT, 'dist', 'renderer');
await build({ configFile: join(REPO_ROOT, 'renderer', 'vite.config.ts'), logLevel: 'warn' });
const initial = initialScripts(distDir);
const initialKb = initial.reduce((sum, s) => sum + s.gzipBytes, 0) / 1024;
const lazy = allScripts(
  distDir,
  readdirSync(join(distDir, 'assets'))
    .filter((f) => f.endsWith('.js') && !initial.some((s) => s.file.endsWith(f)))
    .map((f) => join('assets', f)),
);

const noHostAddress = process.env.BENCH_JOIN_LOOPBACK
  ? 'BENCH_JOIN_LOOPBACK is set'
  : await hostAddressUnavailable();
const host = noHostAddress ? null : await createHostAddress();
const where = host
  ? `LiveKit at test host address ${host.ip}, announced alone`
  : `loopback (${noHostAddress})`;
const stack = await startStack({
  mode: 'test',
  seedUsers: true,
  appEnv: { CONVENE_LOG_LEVEL: 'warn' },
  ...(host ? { nodeIp: host.ip, iceOnlyOnNodeIp: true } : {}),
});
// The publisher's camera at 30 fps, what the app asks for (720p30) and most webcams give:
// Chromium's fake camera gives 20 unless told, and after LiveKit's key-frame request the
// publisher's encoder waits for the next captured frame (on average half a frame interval).
const browserFlags = extraBrowserFlags();
// At the test host address the joiner gathers no loopback candidates, as Chromium and Electron
// do outside tests: allowing them (needed only on loopback) cost the ICE step ~40 ms here.
const args = [
  ...chromiumArgs()
    .filter((a) => !(host && a === '--allow-loopback-in-peer-connection'))
    .map((a) =>
      a === '--use-fake-device-for-media-stream' ? '--use-fake-device-for-media-stream=fps=30' : a,
    ),
  ...browserFlags,
];
const browser = await chromium.launch({ executablePath: chromiumPath(), args });
const newPage = async (probe = false): Promise<Page> => {
  const context = await browser.newContext({
    viewport: { width: 1280, height: 800 },
    permissions: ['camera', 'microphone'],
  });
  if (probe) await context.addInitScript(TRANSPORT_PROBE);
  return context.newPage();
};
async function signIn(page: Page, username: string): Promise<void> {
  await page.goto(stack.appUrl);
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password').fill('convene-demo');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { name: /Good to see you/ }).waitFor();
}

/** Milliseconds from the join click to each later step, read from the page's User Timing marks. */
function stepTimes(page: Page): Promise<Record<string, number> | null> {
  // A plain loop: tsx names arrow functions with a helper that does not exist inside the page.
  return page.evaluate(
    ([steps, probed]) => {
      const times: Record<string, number> = {};
      for (const step of ['join-click', ...steps]) {
        const entry = performance.getEntriesByName(`convene:${step}`)[0];
        if (!entry) return null;
        times[step] = entry.startTime;
      }
      const click = times['join-click'] ?? 0;
      for (const step of steps) times[step] = (times[step] ?? 0) - click;
      for (const step of probed) {
        const entry = performance.getEntriesByName(`probe:${step}`)[0];
        if (entry) times[`probe:${step}`] = entry.startTime - click;
      }
      return times;
    },
    [STEPS as unknown as string[], TRANSPORT_STEPS as unknown as string[]] as const,
  );
}

const quantile = (values: number[], q: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
};

/** A candidate pair ICE chose (as "type address -> type address") and how many it had tried. */
interface ChosenPair {
  pair: string;
  tried: number;
}

interface Probed {
  pairs: ChosenPair[];
  /** Of each first decoded frame, as "width×height". */
  frameSizes: string[];
  /** Signal requests with a subscription change, base64. */
  subscriptions: string[];
}

/** What the probe saw in this page's joins so far (transport-probe.ts), then cleared. */
function takeProbed(page: Page): Promise<Probed> {
  return page.evaluate(() => {
    const w = globalThis as unknown as {
      __probePairs?: ChosenPair[];
      __probeFrameSizes?: string[];
      __probeSubscriptions?: string[];
    };
    const taken = {
      pairs: w.__probePairs ?? [],
      frameSizes: w.__probeFrameSizes ?? [],
      subscriptions: w.__probeSubscriptions ?? [],
    };
    w.__probePairs = [];
    w.__probeFrameSizes = [];
    w.__probeSubscriptions = [];
    return taken;
  });
}

/** Counts of each distinct value, as "value (n×)". */
const tally = (values: string[]) => {
  const counts = new Map<string, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return [...counts].map(([v, n]) => `${v} (${n}×)`).join(', ') || '(not seen)';
};

function reportProbed(pairs: ChosenPair[], frameSizes: string[], drops: number[]): void {
  const tried = pairs.map((p) => p.tried);
  console.log(
    `  ICE chose: ${tally(pairs.map((p) => p.pair))}; ` +
      `pairs tried by then: median ${quantile(tried, 0.5)}, max ${Math.max(...tried)}`,
  );
  console.log(`  first decoded frame: ${tally(frameSizes)}`);
  console.log(
    `  joins that unsubscribed a track before their first frame: ${drops.filter((d) => d > 0).length} ` +
      `of ${drops.length} (${drops.reduce((a, b) => a + b, 0)} tracks)`,
  );
}

function report(mode: string, results: Array<Record<string, number>>, preconnected: number): void {
  const total = results.map((r) => r['first-remote-frame'] ?? NaN);
  console.log(
    `\nJoin → first remote frame, ${mode}, over ${total.length} joins (one publisher, ${where}; ` +
      `pre-connect ready at ${preconnected} of the clicks; each click ≥ ${GAP_MS} ms after the last first frame` +
      (browserFlags.length > 0 ? `; Chromium with ${browserFlags.join(' ')}` : '') +
      '):',
  );
  console.log(
    `  median ${quantile(total, 0.5).toFixed(0)} ms   p90 ${quantile(total, 0.9).toFixed(0)} ms   ` +
      `min ${Math.min(...total).toFixed(0)} ms   max ${Math.max(...total).toFixed(0)} ms   ` +
      `(target with pre-connect: median ≤ ${TARGET_MEDIAN_MS} ms, p90 ≤ ${TARGET_P90_MS} ms)`,
  );
  console.log(
    `  every join, sorted: ${[...total]
      .sort((a, b) => a - b)
      .map((t) => t.toFixed(0))
      .join(' ')}`,
  );
  const connected = results.map((r) => r['connected'] ?? NaN).sort((a, b) => a - b);
  console.log(`  connected at, sorted: ${connected.map((t) => t.toFixed(0)).join(' ')}`);
  // The slowest join beside the median says which step an outlier lost its time in.
  const slowest = results.reduce<Record<string, number> | undefined>(
    (worst, r) => ((r['first-remote-frame'] ?? 0) > (worst?.['first-remote-frame'] ?? -1) ? r : worst),
    undefined,
  );
  const inSlowest = (step: string) => {
    const at = slowest?.[step];
    return at === undefined ? '' : `   slowest join: ${at.toFixed(0).padStart(4)} ms`;
  };
  console.log('  where the time goes (median time of each step after the click):');
  let previous = 0;
  for (const step of STEPS) {
    const at = quantile(
      results.map((r) => r[step] ?? NaN),
      0.5,
    );
    console.log(
      `    ${step.padEnd(20)} at ${at.toFixed(0).padStart(4)} ms  ${`(+${(at - previous).toFixed(0)} ms)`.padEnd(11)}` +
        inSlowest(step),
    );
    previous = at;
  }
  // The transport probe (transport-probe.ts): when the signal socket and the peer connection
  // first reached each stage after the click.
  console.log('  the transport underneath (median time after the click):');
  for (const step of TRANSPORT_STEPS) {
    const times = results.map((r) => r[`probe:${step}`]).filter((t): t is number => t !== undefined);
    if (times.length === 0) console.log(`    ${step.padEnd(20)} (not seen)`);
    else
      console.log(
        `    ${step.padEnd(20)} at ${quantile(times, 0.5).toFixed(0).padStart(4)} ms  ${' '.repeat(11)}` +
          inSlowest(`probe:${step}`) +
          (times.length < results.length ? `  (seen in ${times.length} of ${results.length})` : ''),
      );
  }
}

/** Bob opens the room by its code, then joins and leaves again and again, clicking at once and
 *  then once the pre-connect is ready; returns the pre-connected join times. */
async function measureJoins(bob: Page, code: string, publisher: string): Promise<number[]> {
  await bob.goto(stack.appUrl);
  await bob.getByLabel('Invite link or room code').fill(code);
  await bob.getByRole('button', { name: 'Continue' }).click();
  let warmedUp = false;
  let lastFrameAt = 0;
  const series: Record<string, number[]> = {};
  for (const mode of ['click at once', 'pre-connected'] as const) {
    const results: Array<Record<string, number>> = [];
    const pairs: ChosenPair[] = [];
    const frameSizes: string[] = [];
    const drops: number[] = [];
    let ready = 0;
    const joins = JOINS + (warmedUp ? 0 : 1);
    for (let i = 0; i < joins; i += 1) {
      if (mode === 'pre-connected') await bob.locator('form[data-preconnected="true"]').waitFor();
      else ready += Number((await bob.locator('form[data-preconnected="true"]').count()) > 0);
      await bob.evaluate(() => {
        for (const entry of performance.getEntriesByType('mark'))
          if (entry.name.startsWith('probe:')) performance.clearMarks(entry.name);
        (globalThis as unknown as { __probeSubscriptions?: string[] }).__probeSubscriptions = [];
      });
      await bob.waitForTimeout(Math.max(0, lastFrameAt + GAP_MS - Date.now()));
      const trace = TRACE && mode === 'pre-connected' ? await startTrace(bob) : null;
      // Join is enabled at once: a device still opening joins the meeting once it is open.
      await bob.getByRole('button', { name: 'Join now' }).click();
      await bob.waitForFunction(
        () => performance.getEntriesByName('convene:first-remote-frame').length > 0,
        null,
        { timeout: 15_000 },
      );
      lastFrameAt = Date.now();
      if (trace) console.log(mainThreadTimeline(await stopTrace(trace)).join('\n'));
      const times = await stepTimes(bob);
      const probed = await takeProbed(bob);
      if (warmedUp) pairs.push(...probed.pairs);
      if (warmedUp) frameSizes.push(...probed.frameSizes);
      if (warmedUp) drops.push(droppedTracks(probed.subscriptions));
      // The first join warms caches (chunk parse, codecs); it is reported apart.
      if (!warmedUp) console.log(`warm-up join: ${times?.['first-remote-frame']?.toFixed(0)} ms`);
      else if (times) results.push(times);
      warmedUp = true;
      await bob.getByRole('button', { name: 'Leave meeting' }).click();
      await bob.getByRole('button', { name: 'Rejoin' }).click();
    }
    report(`${mode}, publisher: ${publisher}`, results, mode === 'click at once' ? ready : results.length);
    reportProbed(pairs, frameSizes, drops);
    series[mode] = results.map((r) => r['first-remote-frame'] ?? NaN);
  }
  return series['pre-connected'] ?? [];
}

/** Alice in her room with camera and microphone on, in this machine's Chromium. */
async function chromiumPublisher(): Promise<{ code: string; stop(): Promise<void> }> {
  const alice = await newPage();
  await signIn(alice, 'alice');
  await alice.getByLabel('Title').fill('Bench room');
  await alice.getByRole('button', { name: 'Create room' }).click();
  const code =
    (await alice.getByRole('listitem', { name: 'Bench room' }).locator('.code').textContent()) ?? '';
  await alice.getByRole('button', { name: 'Join Bench room' }).click();
  await alice.getByRole('button', { name: 'Join now' }).click();
  await alice.getByRole('toolbar', { name: 'Meeting controls' }).waitFor();
  return { code, stop: () => alice.context().close() };
}

/** A Go bot in a room Alice made through the API, sending a pre-encoded clip of the layer LiveKit
 *  forwards to Bob first from a webcam (bot-video.ts 'camera'): no encoder on this machine. */
async function goPublisher(ip: string): Promise<{ code: string; stop(): Promise<void> }> {
  const room = await createRoomAsAlice(stack, 'Bench room (Go publisher)');
  const swarm = await startBotSwarm(stack, ip, room.id, { video: 'camera', publisher: 'go' });
  await swarm.join(['bot-1']);
  return { code: room.slug, stop: () => swarm.stop() };
}

try {
  const bob = await newPage(true);
  await signIn(bob, 'bob');
  const judged: Array<{ publisher: string; pre: number[] }> = [];
  for (const publisher of PUBLISHERS) {
    if (publisher === 'go' && !host) {
      console.log(`\nPublisher go skipped: the Go bot needs the test host address (${noHostAddress}).`);
      continue;
    }
    const source = publisher === 'go' ? await goPublisher(host!.ip) : await chromiumPublisher();
    try {
      judged.push({
        publisher: PUBLISHER_LABELS[publisher],
        pre: await measureJoins(bob, source.code, PUBLISHER_LABELS[publisher]),
      });
    } finally {
      await source.stop();
    }
  }

  console.log(`\nInitial JavaScript: ${initialKb.toFixed(1)} KB gzipped (target ≤ ${TARGET_INITIAL_KB} KB)`);
  for (const s of initial)
    console.log(
      `  ${s.file}  ${(s.bytes / 1024).toFixed(1)} KB, ${(s.gzipBytes / 1024).toFixed(1)} KB gzipped`,
    );
  for (const s of lazy)
    console.log(
      `  (lazy) ${s.file}  ${(s.bytes / 1024).toFixed(1)} KB, ${(s.gzipBytes / 1024).toFixed(1)} KB gzipped`,
    );
  let ok = initialKb <= TARGET_INITIAL_KB;
  for (const { publisher, pre } of judged) {
    const met = quantile(pre, 0.5) <= TARGET_MEDIAN_MS && quantile(pre, 0.9) <= TARGET_P90_MS;
    console.log(
      `Pre-connected join, publisher ${publisher}: median ${quantile(pre, 0.5).toFixed(0)} ms, ` +
        `p90 ${quantile(pre, 0.9).toFixed(0)} ms: ${met ? 'target met' : 'target missed'}`,
    );
    ok &&= met;
  }
  console.log(ok ? '\nAll targets met.' : '\nA target was missed (see above).');
  process.exitCode = ok ? 0 : 1;
} finally {
  await browser.close();
  await stack.stop();
  await host?.remove();
}
