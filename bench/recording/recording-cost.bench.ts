// What recording costs the renderer: a 4-person meeting (Alice in the desktop renderer with the
// real main-process services bound in, camera and microphone on, and 3 video bots of
// support/video-bots.ts, 160×90 at 15 fps, no audio), first not recording, then recording, for
// the same window each. Per phase: renderer process CPU (share of one core; GPU and browser
// process beside it), main-thread task time, long tasks, the JS heap after a full GC at the start
// and the end and sampled along the way (it must not grow with time), frames per remote tile.
// While recording also: frames handed to the video encoder per second (target 30) and its queue,
// and the file's video frames (ffprobe) against 30 × its duration, i.e. frames dropped.
// Then, still recording, a 10 s V8 CPU profile of the main thread (outside the measured window;
// BENCH_PROFILE=0 skips it). BENCH_RECORD_S sets the window (120 s; e.g. 20 for a quick run).
import { chromium, type CDPSession, type Page } from '@playwright/test';
import { execFile } from 'node:child_process';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { promisify } from 'node:util';
import { build } from 'vite';
import { REPO_ROOT, startStack } from '../../scripts/stack/stack.js';
import { startHarness as startDesktop } from '../../test/electron/support/desktop-harness.js';
import { serveRenderer } from '../../test/electron/support/static-renderer.js';
import { chromiumArgs, chromiumPath } from '../../test/e2e/chromium.js';
import { bindDesktop } from '../../test/e2e/desktop-binding.js';
import { startBotSwarm, type BotSwarm } from '../support/bot-swarm.js';
import { createHostAddress, hostAddressUnavailable } from '../support/host-address.js';
import { PAGE_PROBE, probe } from '../support/page-probe.js';
import { printProfile, type Profile } from '../room-scale/profile-summary.js';
import { ENCODER_PROBE, type EncoderStats } from './encoder-probe.js';

const WINDOW_S = Number(process.env.BENCH_RECORD_S ?? 120);
const SETTLE_MS = 5_000;
const SAMPLES = 4;
const TITLE = 'Recording cost';

const load = () =>
  `load ${loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')}`;
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? NaN;
const run = promisify(execFile);

const why = await hostAddressUnavailable();
if (why) {
  console.log(`Skipped: ${why} (the bots need a non-loopback test address).`);
  process.exit(0);
}

// Unminified, so the CPU profile names functions (minifying changes names, not the work).
await build({
  configFile: join(REPO_ROOT, 'renderer', 'vite.config.ts'),
  logLevel: 'warn',
  build: { minify: false },
});
const host = await createHostAddress();
const stack = await startStack({
  mode: 'test',
  seedUsers: true,
  nodeIp: host.ip,
  appEnv: { CONVENE_LOG_LEVEL: 'warn' },
});
const renderer = await serveRenderer(join(REPO_ROOT, 'dist', 'renderer'));
const desktop = await startDesktop({ keytar: undefined });
renderer.serveRecordings(desktop.services.recordings);
const browser = await chromium.launch({ executablePath: chromiumPath(), args: chromiumArgs() });
let swarm: BotSwarm | undefined;

interface ProcessInfo {
  type: string;
  cpuTime: number;
}

async function cpuByType(browserCdp: CDPSession): Promise<Record<string, number>> {
  const { processInfo } = (await browserCdp.send('SystemInfo.getProcessInfo')) as {
    processInfo: ProcessInfo[];
  };
  const sums: Record<string, number> = {};
  for (const p of processInfo) sums[p.type] = (sums[p.type] ?? 0) + p.cpuTime;
  return sums;
}

async function metrics(cdp: CDPSession): Promise<Record<string, number>> {
  const { metrics: list } = await cdp.send('Performance.getMetrics');
  return Object.fromEntries(list.map((m) => [m.name, m.value]));
}

async function heapMb(cdp: CDPSession): Promise<number> {
  await cdp.send('HeapProfiler.collectGarbage');
  return ((await metrics(cdp)).JSHeapUsedSize ?? NaN) / 2 ** 20;
}

async function signInAndJoin(page: Page): Promise<void> {
  await page.goto(`${renderer.origin}/`);
  await page.getByLabel('Server').fill(stack.appUrl);
  await page.getByLabel('Username').fill('alice');
  await page.getByLabel('Password').fill('convene-demo');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByLabel('Title').fill(TITLE);
  await page.getByRole('button', { name: 'Create room' }).click();
  await page.getByRole('button', { name: `Join ${TITLE}` }).click();
  await page.getByRole('button', { name: 'Join now' }).click();
  await page.getByRole('toolbar', { name: 'Meeting controls' }).waitFor();
}

interface Phase {
  cpu: Record<string, number>;
  taskShare: number;
  longTasks: number[];
  heap: number[];
  fps: number[];
  encoder: EncoderStats;
}

async function phase(page: Page, cdp: CDPSession, browserCdp: CDPSession): Promise<Phase> {
  await sleep(SETTLE_MS);
  const heap = [await heapMb(cdp)];
  const [cpu0, m0, long0, enc0] = await Promise.all([
    cpuByType(browserCdp),
    metrics(cdp),
    probe<number[]>(page, 'longTasks.slice()'),
    page.evaluate('({ ...window.__encoder })') as Promise<EncoderStats>,
  ]);
  const started = Date.now();
  // Heap samples (after GC) along the window; frames per tile over the last stretch.
  const fpsWindow = Math.min(10_000, (WINDOW_S * 1000) / (SAMPLES + 1));
  for (let i = 1; i < SAMPLES; i++) {
    await sleep(Math.max(0, started + (i * WINDOW_S * 1000) / SAMPLES - Date.now()));
    heap.push(await heapMb(cdp));
  }
  await sleep(Math.max(0, started + WINDOW_S * 1000 - fpsWindow - Date.now()));
  const fps = await probe<number[]>(page, `tileFps(${fpsWindow})`);
  const seconds = (Date.now() - started) / 1000;
  const [cpu1, m1, long1, enc1] = await Promise.all([
    cpuByType(browserCdp),
    metrics(cdp),
    probe<number[]>(page, 'longTasks.slice()'),
    page.evaluate('({ ...window.__encoder })') as Promise<EncoderStats>,
  ]);
  heap.push(await heapMb(cdp));
  const cpu = Object.fromEntries(
    Object.keys(cpu1).map((k) => [k, ((cpu1[k] ?? 0) - (cpu0[k] ?? 0)) / seconds]),
  );
  return {
    cpu,
    taskShare: ((m1.TaskDuration ?? 0) - (m0.TaskDuration ?? 0)) / seconds,
    longTasks: long1.slice(long0.length).filter((d) => d > 50),
    heap,
    fps,
    encoder: {
      frames: (enc1.frames - enc0.frames) / seconds,
      queueSum: enc1.frames > enc0.frames ? (enc1.queueSum - enc0.queueSum) / (enc1.frames - enc0.frames) : 0,
      queueMax: enc1.queueMax,
      encoders: enc1.encoders,
    },
  };
}

function print(label: string, p: Phase): void {
  const pct = (share: number | undefined) => `${((share ?? 0) * 100).toFixed(0)} %`;
  console.log(
    `${label.padEnd(14)} renderer cpu ${pct(p.cpu.renderer)} (gpu ${pct(p.cpu.GPU)}, browser ${pct(p.cpu.browser)}, ` +
      `utility ${pct(p.cpu.utility)})  main-thread tasks ${pct(p.taskShare)} of wall time  ` +
      `long tasks ${p.longTasks.length}${p.longTasks.length ? ` (max ${Math.max(...p.longTasks).toFixed(0)} ms)` : ''}  ` +
      `heap MB ${p.heap.map((h) => h.toFixed(1)).join(' → ')}  ` +
      `fps/tile median ${median(p.fps).toFixed(1)} min ${Math.min(...p.fps).toFixed(1)} (${p.fps.length} remote tiles)  [${load()}]`,
  );
}

try {
  const context = await browser.newContext({
    viewport: { width: 1280, height: 800 },
    permissions: ['camera', 'microphone'],
  });
  // bindDesktop's init script is a function, which tsx (running this file) compiles with calls
  // to esbuild's __name helper; the page has none (Playwright's own runner does not add them).
  await context.addInitScript('globalThis.__name = (fn) => fn;');
  await context.addInitScript(PAGE_PROBE);
  await context.addInitScript(ENCODER_PROBE);
  const page = await context.newPage();
  await bindDesktop(page, desktop, renderer.origin);
  const cdp = await context.newCDPSession(page);
  const browserCdp = await browser.newBrowserCDPSession();
  await cdp.send('Performance.enable');
  await signInAndJoin(page);
  const { rooms } = await desktop.services.api('rooms.list');
  const roomId = rooms.find((r) => r.title === TITLE)?.id ?? '';
  swarm = await startBotSwarm(stack, host.ip, roomId);
  await swarm.join(['bot-1', 'bot-2', 'bot-3']);
  await page.locator('figure.tile').nth(3).waitFor({ timeout: 60_000 });
  console.log(
    `Window ${WINDOW_S} s per phase (BENCH_RECORD_S) after ${SETTLE_MS / 1000} s to settle; Alice (desktop renderer, ` +
      `camera and mic on) + 3 bots (160×90, 15 fps, no audio); 1280×800. cpu: share of one core.`,
  );

  const idle = await phase(page, cdp, browserCdp);
  print('not recording', idle);

  await page.getByRole('button', { name: 'Start recording' }).click();
  await page.getByRole('button', { name: 'Stop recording' }).waitFor();
  const recording = await phase(page, cdp, browserCdp);
  print('recording', recording);
  if (process.env.BENCH_PROFILE !== '0') {
    const m0 = await metrics(cdp);
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 1000 });
    await cdp.send('Profiler.start');
    await sleep(10_000);
    const { profile } = (await cdp.send('Profiler.stop')) as { profile: Profile };
    const m1 = await metrics(cdp);
    const busy = ((m1.TaskDuration ?? 0) - (m0.TaskDuration ?? 0)) / 10;
    printProfile(profile, recording.cpu.renderer ?? 0, busy, 'recording, 10 s profile');
  }
  const stopAt = Date.now();
  await page.getByRole('button', { name: 'Stop recording' }).click();
  await page.getByText('Recording saved').waitFor({ timeout: 60_000 });
  const saveMs = Date.now() - stopAt;
  const after = await heapMb(cdp);

  const [entry] = await desktop.services.recordings.list();
  const { stdout } = await run('ffprobe', [
    '-v',
    'error',
    '-select_streams',
    'v:0',
    '-count_packets',
    '-show_entries',
    'stream=nb_read_packets:format=duration',
    '-of',
    'json',
    entry?.path ?? '',
  ]);
  const info = JSON.parse(stdout) as {
    streams: Array<{ nb_read_packets: string }>;
    format: { duration: string };
  };
  const frames = Number(info.streams[0]?.nb_read_packets);
  const duration = Number(info.format.duration);
  const enc = recording.encoder;
  console.log(
    `encoder        ${enc.encoders ? `${enc.frames.toFixed(1)} frames/s handed to VideoEncoder (target 30), queue mean ${enc.queueSum.toFixed(2)} max ${enc.queueMax}` : 'not on the page: the recording worker encodes (its frames: the file line)'}\n` +
      `file           ${duration.toFixed(1)} s, ${frames} video frames = ${(frames / duration).toFixed(1)} fps; ` +
      `dropped ≈ ${Math.max(0, Math.round(30 * duration - frames))} of ${Math.round(30 * duration)} ` +
      `(${((Math.max(0, 30 * duration - frames) / (30 * duration)) * 100).toFixed(1)} %), ${((entry?.sizeBytes ?? 0) / 1e6).toFixed(1)} MB\n` +
      `stop           Stop → "Recording saved" ${saveMs} ms; heap after stop ${after.toFixed(1)} MB  [${load()}]`,
  );
} finally {
  await browser.close().catch(() => undefined);
  await swarm?.stop();
  desktop.services.dispose();
  await renderer.close();
  await stack.stop();
  await host.remove();
}
