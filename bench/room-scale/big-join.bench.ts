// Joining a meeting that 48 people with cameras are already in: how long from the click to the
// first remote frame, and how many cameras the join takes that the client does not keep. With
// autoSubscribe the server subscribes every camera at once; the view then drops those off the
// page, but only once each has arrived (subscriptions.ts: dropping one still on its way trips a
// LiveKit bug before 1.13.8). Per join: cameras dropped (decoded from the signal requests the
// page sent), video tiles, and video streams still receiving once settled.
// The web client in a 1280×800 window (a laptop: fewer tiles fit than on a large screen), grid
// view, camera and microphone off; the Go bots publish 160×90 at 15 fps. BENCH_BIG_JOINS (5),
// BENCH_BIG_PEOPLE (48).
import { TRANSPORT_PROBE } from '../join/transport-probe.js';
import { probe } from '../support/page-probe.js';
import { droppedTracks } from '../support/signal-requests.js';
import {
  addBots,
  botIds,
  joinFromLobby,
  leaveToLobby,
  requireHostAddress,
  signIn,
  startHarness,
} from './harness.js';

const JOINS = Number(process.env.BENCH_BIG_JOINS ?? 5);
/** Already in the meeting (BENCH_BIG_PEOPLE): 48 fill a 49-tile grid with the client. */
const PEOPLE = Number(process.env.BENCH_BIG_PEOPLE ?? 48);
/** From the click: the early window, and when the room counts as settled. */
const SETTLE_MS = 3000;
const SAMPLE_MS = 1000;

await requireHostAddress();
const h = await startHarness({ width: 1280, height: 800 });
await h.page.context().addInitScript(TRANSPORT_PROBE);

/** Marks of the app (timing.ts) and of the join probe, in the order a join reaches them. */
const STEPS = [
  'convene:signal-connected',
  'probe:ws-answer',
  'probe:pc-set-remote',
  'probe:pc-connected',
  'convene:first-remote-track',
  'probe:video-unmuted',
  'convene:first-remote-frame',
];

interface Row {
  steps: Record<string, number>;
  frameMs: number;
  dropped: number;
  settled: number;
  tiles: number;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? NaN;

try {
  await addBots(h.swarm, botIds(0, PEOPLE));
  await signIn(h);
  const rows: Row[] = [];
  for (let i = 0; i < JOINS + 1; i += 1) {
    await h.page.evaluate(() => {
      (globalThis as unknown as { __probeSubscriptions?: string[] }).__probeSubscriptions = [];
      for (const entry of performance.getEntriesByType('mark'))
        if (entry.name.startsWith('probe:')) performance.clearMarks(entry.name);
    });
    await joinFromLobby(h.page);
    await h.page.waitForFunction(
      () => performance.getEntriesByName('convene:first-remote-frame').length > 0,
      null,
      { timeout: 30_000 },
    );
    // No named functions inside the page: tsx would name them with a helper it lacks.
    const times = await h.page.evaluate((steps) => {
      const click = performance.getEntriesByName('convene:join-click')[0]?.startTime ?? NaN;
      const after: Record<string, number> = {};
      for (const step of steps)
        after[step] = (performance.getEntriesByName(step)[0]?.startTime ?? NaN) - click;
      return { click, after };
    }, STEPS);
    await h.page.waitForFunction((t) => performance.now() >= t, times.click + SETTLE_MS);
    const settled = await probe<number>(h.page, `activeVideoIn(${SAMPLE_MS})`);
    const tiles = await h.page.locator('figure.tile video').count();
    const subscriptions = await h.page.evaluate(
      () => (globalThis as unknown as { __probeSubscriptions?: string[] }).__probeSubscriptions ?? [],
    );
    const row: Row = {
      frameMs: times.after['convene:first-remote-frame'] ?? NaN,
      steps: times.after,
      dropped: droppedTracks(subscriptions),
      settled,
      tiles,
    };
    if (i === 0) console.log(`warm-up join: first remote frame ${row.frameMs.toFixed(0)} ms`);
    else rows.push(row);
    await leaveToLobby(h.page);
  }
  console.log(
    `\nJoining a meeting of ${PEOPLE} people with cameras (Go bots, 160×90 at 15 fps), grid view, ` +
      `1280×800 window, ${rows.length} joins:`,
  );
  for (const r of rows)
    console.log(
      `  first remote frame ${r.frameMs.toFixed(0)} ms; video tiles ${r.tiles}; cameras dropped after ` +
        `arriving ${r.dropped}; video streams receiving ${SETTLE_MS / 1000} s after the click ${r.settled}`,
    );
  const m = (key: Exclude<keyof Row, 'steps'>) => median(rows.map((r) => r[key]));
  console.log('  where the time goes (median ms after the click):');
  for (const step of STEPS)
    console.log(
      `    ${step.padEnd(28)} ${median(rows.map((r) => r.steps[step] ?? NaN))
        .toFixed(0)
        .padStart(5)}`,
    );
  console.log(
    `  median: first remote frame ${m('frameMs').toFixed(0)} ms, cameras dropped ${m('dropped')}, ` +
      `video tiles ${m('tiles')}, streams receiving once settled ${m('settled')}`,
  );
} finally {
  await h.stop();
}
