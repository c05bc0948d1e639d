// No leaks in a long meeting: the measured client's JS heap and DOM nodes (after a full garbage
// collection) after 200 joins and leaves of its own, and after 200 other people coming and going
// during one meeting, against the same figures early on. Target: at most 10 % growth each.
// Real parts: LiveKit, the app server, rtc-node bots with video, the web client in Chromium.
// With each figure, a census of the growth by what it is made of (DevTools heap snapshots).
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

const CYCLES = Number(process.env.BENCH_LEAK_CYCLES ?? 200);
/** Figures are taken after this many cycles, once caches and lazy code have settled. */
const BASELINE_AFTER = 10;
const STAYING = 4;
const WAVE = 10;
const TARGET_GROWTH = 0.1;

await requireHostAddress();
const h = await startHarness({ width: 1280, height: 800 });

function growth(
  label: string,
  before: { heapMb: number; nodes: number },
  after: typeof before,
  census: [Census, Census],
): boolean {
  const heap = after.heapMb / before.heapMb - 1;
  const nodes = after.nodes / before.nodes - 1;
  console.log(
    `${label}: heap ${before.heapMb.toFixed(2)} → ${after.heapMb.toFixed(2)} MB (${(heap * 100).toFixed(1)} %), ` +
      `DOM nodes ${before.nodes} → ${after.nodes} (${(nodes * 100).toFixed(1)} %)`,
  );
  // 'code' is V8's compiled code (tier-up as functions warm), not objects the app holds.
  console.log('  where it grew (KB, count, what):');
  console.log(censusGrowth(...census, 8).join('\n'));
  return heap <= TARGET_GROWTH && nodes <= TARGET_GROWTH;
}

try {
  // Four people stay in the meeting throughout, with video.
  await addBots(h.swarm, botIds(0, STAYING));
  await signIn(h);

  // 1. The measured client joins and leaves again and again (measured in the lobby each time).
  let baseline = { heapMb: 0, nodes: 0 };
  let baselineCensus: Census = new Map();
  for (let i = 1; i <= CYCLES; i += 1) {
    await joinFromLobby(h.page);
    await h.page.locator('figure.tile').nth(STAYING).waitFor();
    await leaveToLobby(h.page);
    if (i === BASELINE_AFTER) [baseline, baselineCensus] = [await heapAndNodes(h), await heapCensus(h.cdp)];
  }
  const ownOk = growth(
    `${CYCLES} joins and leaves (lobby, from cycle ${BASELINE_AFTER})`,
    baseline,
    await heapAndNodes(h),
    [baselineCensus, await heapCensus(h.cdp)],
  );

  // 2. In one meeting, 200 others come and go in waves of ten (with video).
  await joinFromLobby(h.page);
  let next = STAYING;
  let othersBaseline = { heapMb: 0, nodes: 0 };
  let othersCensus: Census = new Map();
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
  }
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
