// No leaks in a long meeting: the measured client's JS heap and DOM nodes (after a full garbage
// collection) after 200 joins and leaves of its own, and after 200 other people coming and going
// during one meeting, against the same figures early on. Target: at most 10 % growth each.
// Real parts: LiveKit, the app server, rtc-node bots with video, the web client in Chromium.
// With each figure, a census of the growth by what it is made of (DevTools heap snapshots).
// The client then joins and leaves another 200 times: V8's compiled code grows over the first
// hundreds of joins and then stops, so this second figure tells a leak (which keeps growing)
// from warm-up. The target is judged on the first figure, as the issue asks.
import { censusGrowth, heapCensus, type Census } from '../support/heap-census.js';
import {
  addBots,
  botIds,
  heapAndNodes,
  joinFromLobby,
  leaveToLobby,
  requireHostAddress,
  signIn,
  startHarness,
} from './harness.js';

type HeapReading = Awaited<ReturnType<typeof heapAndNodes>>;

const CYCLES = Number(process.env.BENCH_LEAK_CYCLES ?? 200);
/** Figures are taken after this many cycles, once caches and lazy code have settled. */
const BASELINE_AFTER = 10;
const STAYING = 4;
const WAVE = 10;
const TARGET_GROWTH = 0.1;

await requireHostAddress();
// The node bots by default: with the Go publisher's bots coming and going, the client's session
// descriptions grow by an m-line per bot that left (two SDP strings of ~280 KB after 200 waves,
// +9.7 % heap; 60 waves of node bots: +1.9 %, SDP flat). Not traced: it looks like LiveKit not
// reusing the m-lines of those bots' tracks, which only they cause. BENCH_PUBLISHER=go shows it.
const h = await startHarness({ width: 1280, height: 800 }, 'small', 'node');

/** Page-side script: `cycles` times Join now → everyone's tile shown and the meeting connected →
 *  Leave → Rejoin → lobby. Tiles show at the join response, before the connection is up; a
 *  meeting left in that first ~100 ms keeps its closed peer connection alive in Chromium 156
 *  (held from RTCPeerConnection::ChangeIceGatheringState, seen in a heap snapshot: ~13 of 60
 *  such joins), which would make this figure that corner's rather than the joins'. */
function joinAndLeaveInPage(cycles: number, others: number): string {
  return `(async () => {
    const button = (name) => [...document.querySelectorAll('button')].find(
      (b) => !b.disabled && (b.getAttribute('aria-label') ?? b.textContent.trim()) === name);
    const until = (test) => new Promise((resolve, reject) => {
      const started = performance.now();
      const poll = () => test() ? resolve() : performance.now() - started > 15000
        ? reject(new Error('timed out in the join/leave cycle')) : setTimeout(poll, 20);
      poll();
    });
    const press = async (name) => { await until(() => button(name)); button(name).click(); };
    for (let i = 0; i < ${cycles}; i += 1) {
      await press('Join now');
      await until(() => document.querySelectorAll('figure.tile').length > ${others});
      await until(() => document.querySelector('.room')?.dataset.status === 'connected');
      await press('Leave meeting');
      await press('Rejoin');
      await until(() => button('Join now'));
    }
  })()`;
}

function growth(label: string, before: HeapReading, after: typeof before, census: [Census, Census]): boolean {
  const heap = after.heapMb / before.heapMb - 1;
  const nodes = after.nodes / before.nodes - 1;
  const oneGc = after.afterOneGcMb / before.afterOneGcMb - 1;
  console.log(
    `${label}: heap ${before.heapMb.toFixed(2)} → ${after.heapMb.toFixed(2)} MB (${(heap * 100).toFixed(1)} %), ` +
      `DOM nodes ${before.nodes} → ${after.nodes} (${(nodes * 100).toFixed(1)} %); after one collection ` +
      `only ${before.afterOneGcMb.toFixed(2)} → ${after.afterOneGcMb.toFixed(2)} MB (${(oneGc * 100).toFixed(1)} %)`,
  );
  // 'code' is V8's compiled code (bytecode and optimized code as functions warm up); 'native'
  // rows are the browser's own C++ objects, outside the JS heap figure above.
  const [first, last] = census;
  const objects = (c: Census) =>
    [...c].filter(([k]) => k !== 'code' && !k.startsWith('native')).reduce((sum, [, v]) => sum + v.bytes, 0);
  const code = (c: Census) => c.get('code')?.bytes ?? 0;
  console.log(
    `  of which compiled code ${((code(last) - code(first)) / 2 ** 20).toFixed(2)} MB; ` +
      `JS objects alone ${((objects(last) / objects(first) - 1) * 100).toFixed(1)} %`,
  );
  console.log('  where it grew (KB, count, what):');
  console.log(censusGrowth(...census, 8).join('\n'));
  return heap <= TARGET_GROWTH && nodes <= TARGET_GROWTH;
}

try {
  // Four people stay in the meeting throughout, with video.
  await addBots(h.swarm, botIds(0, STAYING));
  await signIn(h);

  // 1. The measured client joins and leaves again and again (measured in the lobby each time).
  // The first cycle sets the lobby's camera and microphone off; the page itself runs the rest,
  // so no tool's work between cycles (each of Playwright's calls compiles code in the page and
  // leaves objects there) is counted as the app's.
  await joinFromLobby(h.page);
  await leaveToLobby(h.page);
  await h.page.evaluate(joinAndLeaveInPage(BASELINE_AFTER - 1, STAYING));
  const baseline = await heapAndNodes(h);
  const baselineCensus = await heapCensus(h.cdp);
  await h.page.evaluate(joinAndLeaveInPage(CYCLES - BASELINE_AFTER, STAYING));
  const ownOk = growth(
    `${CYCLES} joins and leaves (lobby, from cycle ${BASELINE_AFTER})`,
    baseline,
    await heapAndNodes(h),
    [baselineCensus, await heapCensus(h.cdp)],
  );
  const settled = await heapAndNodes(h);
  const settledCensus = await heapCensus(h.cdp);
  await h.page.evaluate(joinAndLeaveInPage(CYCLES, STAYING));
  growth(`Another ${CYCLES} joins and leaves (warm-up over)`, settled, await heapAndNodes(h), [
    settledCensus,
    await heapCensus(h.cdp),
  ]);

  // 2. In one meeting, 200 others come and go in waves of ten (with video).
  await joinFromLobby(h.page);
  let next = STAYING;
  let othersBaseline: HeapReading = { heapMb: 0, afterOneGcMb: 0, nodes: 0 };
  let othersCensus: Census = new Map();
  const trajectory: string[] = [];
  for (let wave = 1; wave <= CYCLES / WAVE; wave += 1) {
    const ids = botIds(next, next + WAVE);
    next += WAVE;
    await addBots(h.swarm, ids);
    await h.page
      .locator('figure.tile')
      .nth(STAYING + WAVE)
      .waitFor({ timeout: 60_000 });
    await h.swarm.leave(ids);
    await h.page
      .locator('figure.tile')
      .nth(STAYING + 1)
      .waitFor({ state: 'detached', timeout: 60_000 });
    if (wave === 1) [othersBaseline, othersCensus] = [await heapAndNodes(h), await heapCensus(h.cdp)];
    else if (wave % 5 === 0 || wave === 2)
      trajectory.push(`wave ${wave}: ${(await heapAndNodes(h)).heapMb.toFixed(2)} MB`);
  }
  // Along the way, so a baseline still holding something of the first part shows as such.
  console.log(`heap after wave 1: ${othersBaseline.heapMb.toFixed(2)} MB; ${trajectory.join(', ')}`);
  const othersOk = growth(
    `${CYCLES} others coming and going (in the meeting, from wave 1)`,
    othersBaseline,
    await heapAndNodes(h),
    [othersCensus, await heapCensus(h.cdp)],
  );
  console.log(ownOk && othersOk ? '\nBoth within 10 %.' : '\nGrowth above 10 % (see above).');
  process.exitCode = ownOk && othersOk ? 0 : 1;
} finally {
  await h.stop();
}
