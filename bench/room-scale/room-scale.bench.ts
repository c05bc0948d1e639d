// The big-room benchmark: 1, 9, 25 and 49 bots publishing 160×90 video in one room (15 fps, the
// Go publisher, unless BENCH_BOT_FPS and BENCH_PUBLISHER say otherwise: bot-publisher.ts), and
// the measured client (the web client in Chromium, 1920×1080, camera and microphone off) in grid
// view and in speaker view, each for a fixed window. Per case: the renderer process's CPU (share
// of one core), frames presented per second per remote tile, long tasks over 50 ms, JS heap, DOM
// nodes and the video bitrate received; for the 49-person grid, where the CPU goes.
// Targets: 49 in grid within one core with every visible tile at ≥ 15 fps; speaker view with 49
// in the room within half a core; bitrate following tile size and page.
import { setTimeout as sleep } from 'node:timers/promises';
import {
  addBots,
  botIds,
  heapAndNodes,
  joinFromLobby,
  requireHostAddress,
  setLayout,
  signIn,
  startHarness,
} from './harness.js';
import { probe } from '../support/page-probe.js';
import { printProfile, type Profile } from './profile-summary.js';

const WINDOW_MS = Number(process.env.BENCH_WINDOW_MS ?? 10_000);
const SETTLE_MS = 4_000;
// BENCH_COUNTS=25,49 runs only those cases.
const COUNTS = (process.env.BENCH_COUNTS ?? '1,9,25,49').split(',').map(Number);

await requireHostAddress();
const h = await startHarness();

interface ProcessInfo {
  type: string;
  id: number;
  cpuTime: number;
}
async function rendererCpuSeconds(): Promise<number> {
  const { processInfo } = (await h.browserCdp.send('SystemInfo.getProcessInfo')) as {
    processInfo: ProcessInfo[];
  };
  return processInfo.filter((p) => p.type === 'renderer').reduce((sum, p) => sum + p.cpuTime, 0);
}
async function mainThread(): Promise<Record<string, number>> {
  const { metrics } = await h.cdp.send('Performance.getMetrics');
  return Object.fromEntries(metrics.map((m) => [m.name, m.value]));
}
interface Received {
  bytes: number;
  tracks: number;
  framesReceived: number;
  framesDecoded: number;
  at: number;
}
interface Negotiation {
  offers: number;
  answers: number;
  remoteDescriptions: number;
  transceivers: number;
  mLines: number;
}
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? NaN;

async function measure(label: string, profile = false): Promise<void> {
  await sleep(SETTLE_MS);
  const botsBefore = await h.swarm.usage();
  const [cpu0, main0, rx0, long0, sdp0] = await Promise.all([
    rendererCpuSeconds(),
    mainThread(),
    probe<Received>(h.page, 'received()'),
    probe<number[]>(h.page, 'longTasks.slice()'),
    probe<Negotiation>(h.page, 'negotiation()'),
  ]);
  if (profile) {
    await h.cdp.send('Profiler.enable');
    await h.cdp.send('Profiler.setSamplingInterval', { interval: 1000 });
    await h.cdp.send('Profiler.start');
  }
  const { fps, dropped } = await probe<{ fps: number[]; dropped: number[] }>(
    h.page,
    `tilePresentation(${WINDOW_MS})`,
  );
  const [cpu1, main1, rx1, long1, sdp1] = await Promise.all([
    rendererCpuSeconds(),
    mainThread(),
    probe<Received>(h.page, 'received()'),
    probe<number[]>(h.page, 'longTasks.slice()'),
    probe<Negotiation>(h.page, 'negotiation()'),
  ]);
  const cpuProfile = profile ? ((await h.cdp.send('Profiler.stop')).profile as Profile) : null;
  const botsAfter = await h.swarm.usage();
  const { heapMb, nodes } = await heapAndNodes(h);
  const seconds = WINDOW_MS / 1000;
  const share = (cpu1 - cpu0) / seconds;
  const withVideo = fps.filter((f) => f > 0);
  const longTasks = long1.slice(long0.length).filter((d) => d > 50);
  const kbps = ((rx1.bytes - rx0.bytes) * 8) / (rx1.at - rx0.at);
  // Per inbound stream: what arrived and what was decoded, against what tiles presented.
  const perStream = (n: number) => (n * 1000) / (rx1.at - rx0.at) / Math.max(1, rx1.tracks);
  const fpsIn = perStream(rx1.framesReceived - rx0.framesReceived);
  const fpsDecoded = perStream(rx1.framesDecoded - rx0.framesDecoded);
  const busy = (name: string) => ((main1[name] ?? 0) - (main0[name] ?? 0)) / seconds;
  const botShare =
    (botsAfter.cpuMicros - botsBefore.cpuMicros) / (botsAfter.wallMicros - botsBefore.wallMicros);
  console.log(
    `${label.padEnd(22)} cpu ${(share * 100).toFixed(0).padStart(3)} %  ` +
      `tiles ${String(fps.length).padStart(2)} (video ${String(withVideo.length).padStart(2)})  ` +
      `fps/tile min ${Math.min(...(withVideo.length ? withVideo : [0])).toFixed(1)} ` +
      `median ${median(withVideo.length ? withVideo : [0]).toFixed(1)}  ` +
      `long tasks ${longTasks.length}${longTasks.length ? ` (max ${Math.max(...longTasks).toFixed(0)} ms)` : ''}  ` +
      `heap ${heapMb.toFixed(1)} MB  DOM ${nodes}  rx ${kbps.toFixed(0)} kbit/s (${rx1.tracks} video in)  ` +
      `main-thread tasks ${(busy('TaskDuration') * 100).toFixed(0)} % of wall time (script ${(busy('ScriptDuration') * 100).toFixed(0)}, ` +
      `layout ${(busy('LayoutDuration') * 100).toFixed(0)}, style ${(busy('RecalcStyleDuration') * 100).toFixed(0)})  ` +
      `bots ${(botShare * 100).toFixed(0)} %  ` +
      `per stream: ${fpsIn.toFixed(1)} fps received, ${fpsDecoded.toFixed(1)} decoded  ` +
      `dropped at presentation: max ${Math.max(0, ...dropped).toFixed(1)}/s a tile, ` +
      `${dropped.filter((d) => d > 0.5).length} tiles over 0.5/s  ` +
      `negotiation in the window: ${sdp1.offers - sdp0.offers} offers, ${sdp1.answers - sdp0.answers} answers, ` +
      `${sdp1.remoteDescriptions - sdp0.remoteDescriptions} remote descriptions (${sdp1.transceivers} transceivers, ` +
      `${sdp1.mLines} m-lines)`,
  );
  if (cpuProfile) printProfile(cpuProfile, share, busy('TaskDuration'));
}

try {
  console.log(
    `Window ${WINDOW_MS / 1000} s per case after ${SETTLE_MS / 1000} s to settle; bots (${h.swarm.publisher} publisher) ` +
      `send 160×90 at ${h.swarm.fps} fps, no simulcast.\n` +
      'cpu: renderer process CPU time, share of one core. main-thread tasks: wall time (grows when the machine is\n' +
      'loaded, and with the profiler on in the 49-person grid). bots: the bot process, share of one core.' +
      (h.browserFlags.length > 0 ? `\nChromium with ${h.browserFlags.join(' ')}.` : '') +
      (h.playoutDelay ? `\nLiveKit playout delay ${h.playoutDelay.minMs}–${h.playoutDelay.maxMs} ms.` : ''),
  );
  await signIn(h);
  await joinFromLobby(h.page);
  let present = 0;
  for (const count of COUNTS) {
    await addBots(h.swarm, botIds(present, count));
    present = count;
    await setLayout(h.page, 'grid');
    await h.page.locator('figure.tile').nth(Math.min(count, 48)).waitFor({ timeout: 60_000 });
    await measure(`${count} in grid`, count === 49);
    if (count === 49) {
      await h.page.screenshot({ path: 'test-results/screenshots/room-scale-49-grid.png' });
    }
    await setLayout(h.page, 'speaker');
    await measure(`${count} in speaker view`);
    if (count === 49) {
      await h.page.screenshot({ path: 'test-results/screenshots/room-scale-49-speaker.png' });
    }
  }
} finally {
  await h.stop();
}
