// Receive bitrate that follows tile size (adaptive stream, issue 11): a few bots publishing
// 960×540 camera video in three simulcast layers (bot-video.ts) and the measured client (the web
// client in Chromium, camera and microphone off) in grid view with a few large tiles, in speaker
// view (one on the stage, the others in the 200×113 filmstrip), in grid view in a small and in a
// larger window, and in the first grid again (a layer must also come back down). Per remote
// tile: its CSS size, the layer LiveKit's rule picks for that size, the frame size received, fps
// and kbit/s (WebRTC stats of the page). Then whether smaller tiles received lower layers and
// fewer bits.
import { execFileSync } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';
import { RoomServiceClient, TrackType } from 'livekit-server-sdk';
import { probe } from '../support/page-probe.js';
import {
  addBots,
  botIds,
  joinFromLobby,
  requireHostAddress,
  setLayout,
  signIn,
  startHarness,
} from './harness.js';
import { byGroup, expectedLayerHeight, violations, type TileFigure } from './tile-layers.js';

const BOTS = Number(process.env.BENCH_ADAPTIVE_BOTS ?? 5);
const WINDOW_MS = Number(process.env.BENCH_WINDOW_MS ?? 8_000);
/** After a change, the window starts once no tile's received frame size has changed for this
 *  long (adaptive stream reacts within 100 ms, but a switch waits for a key frame, and a higher
 *  layer for the SFU's bandwidth estimate to ramp up), at least 4 s and at most 30 s later. */
const STABLE_MS = 4_000;
const SETTLE_MAX_MS = 30_000;

interface Case {
  label: string;
  layout: 'grid' | 'speaker';
  viewport: { width: number; height: number };
}
const LARGE = { width: 1920, height: 1080 };
const CASES: Case[] = [
  { label: 'grid 1920×1080', layout: 'grid', viewport: LARGE },
  { label: 'speaker 1920×1080', layout: 'speaker', viewport: LARGE },
  { label: 'grid 960×540', layout: 'grid', viewport: { width: 960, height: 540 } },
  { label: 'grid 2560×1440', layout: 'grid', viewport: { width: 2560, height: 1440 } },
  { label: 'grid 1920×1080 again', layout: 'grid', viewport: LARGE },
];

interface Tile {
  identity: string;
  place: string;
  width: number;
  height: number;
  trackId: string | null;
}
interface Stream {
  trackId: string;
  width: number;
  height: number;
  bytes: number;
  frames: number;
  at: number;
}

await requireHostAddress();
const h = await startHarness(LARGE, 'simulcast');
const load = () => execFileSync('uptime', { encoding: 'utf8' }).trim();

/** The layers one bot's camera is published in, as LiveKit knows them. */
async function publishedLayers(): Promise<Array<{ width: number; height: number }>> {
  const rooms = new RoomServiceClient(h.stack.livekitApiUrl, h.stack.keys.apiKey, h.stack.keys.apiSecret);
  const participants = await rooms.listParticipants(h.roomId);
  const video = participants.flatMap((p) => p.tracks).find((t) => t.type === TrackType.VIDEO);
  return (video?.layers ?? []).map((l) => ({ width: l.width, height: l.height }));
}

const pad = (value: string | number, n: number) => String(value).padEnd(n);
const padStart = (value: string | number, n: number) => String(value).padStart(n);

/** Waits until the received frame sizes have not changed for STABLE_MS. Returns how long that
 *  took, and when every tile first received the layer LiveKit's rule picks for it (null: never
 *  within the wait), which is how quickly adaptive stream follows a change. */
async function settle(layerHeights: number[]): Promise<{ steadyMs: number; expectedMs: number | null }> {
  const start = Date.now();
  let last = '';
  let since = start;
  let expectedMs: number | null = null;
  while (Date.now() - start < SETTLE_MAX_MS) {
    const [tiles, streams] = await Promise.all([
      probe<Tile[]>(h.page, 'remoteTiles()'),
      probe<Stream[]>(h.page, 'videoIn()'),
    ]);
    const sizes = streams
      .map((s) => `${s.trackId}:${s.height}`)
      .sort()
      .join();
    if (sizes !== last) [last, since] = [sizes, Date.now()];
    const atExpected = tiles.every(
      (t) =>
        streams.find((s) => s.trackId === t.trackId)?.height === expectedLayerHeight(layerHeights, t.height),
    );
    if (atExpected) expectedMs ??= Date.now() - start;
    else expectedMs = null;
    if (Date.now() - since >= STABLE_MS) break;
    await sleep(500);
  }
  return { steadyMs: Date.now() - start, expectedMs };
}

async function measure(c: Case, layerHeights: number[]): Promise<TileFigure[]> {
  await h.page.setViewportSize(c.viewport);
  await setLayout(h.page, c.layout);
  const settled = await settle(layerHeights);
  const tiles = await probe<Tile[]>(h.page, 'remoteTiles()');
  const [before, bots0] = await Promise.all([probe<Stream[]>(h.page, 'videoIn()'), h.swarm.usage()]);
  await sleep(WINDOW_MS);
  const [after, bots1] = await Promise.all([probe<Stream[]>(h.page, 'videoIn()'), h.swarm.usage()]);
  // With dynacast the bots stop encoding layers nobody receives: their CPU follows the layout too.
  const botShare = (bots1.cpuMicros - bots0.cpuMicros) / (bots1.wallMicros - bots0.wallMicros);
  const figures: TileFigure[] = [];
  for (const tile of tiles.sort((a, b) => a.identity.localeCompare(b.identity))) {
    const b = before.find((s) => s.trackId === tile.trackId);
    const a = after.find((s) => s.trackId === tile.trackId);
    const where = `${pad(c.label, 21)} ${pad(tile.place, 10)} ${pad(tile.identity, 7)} ${padStart(`${tile.width}×${tile.height}`, 9)}`;
    if (!a || !b) {
      console.log(`${where}   (no video stream for this tile)`);
      process.exitCode = 1; // a tile without video proves nothing either way
      continue;
    }
    const seconds = (a.at - b.at) / 1000;
    const kbps = ((a.bytes - b.bytes) * 8) / 1000 / seconds;
    const fps = (a.frames - b.frames) / seconds;
    const switched = b.height !== a.height ? ` (was ${b.width}×${b.height} at the start)` : '';
    console.log(
      `${where}  ${padStart(`${expectedLayerHeight(layerHeights, tile.height)}p`, 8)}  ` +
        `${padStart(`${a.width}×${a.height}`, 9)}  ${padStart(fps.toFixed(1), 4)}  ${padStart(kbps.toFixed(0), 6)}${switched}`,
    );
    figures.push({
      group: `${c.label} / ${tile.place}`,
      tileHeight: tile.height,
      receivedHeight: a.height,
      kbps,
    });
  }
  const total = after.reduce((sum, s) => sum + s.bytes, 0) - before.reduce((sum, s) => sum + s.bytes, 0);
  const seconds = ((after[0]?.at ?? 0) - (before[0]?.at ?? 0)) / 1000;
  const reached =
    settled.expectedMs === null
      ? 'not yet when the window began'
      : `from ${(settled.expectedMs / 1000).toFixed(1)} s after the change`;
  console.log(
    `${pad(c.label, 21)} all video received: ${((total * 8) / 1000 / seconds).toFixed(0)} kbit/s ` +
      `(every tile at its expected layer ${reached}, ` +
      `frame sizes steady after ${(settled.steadyMs / 1000).toFixed(1)} s); ` +
      `bot process ${(botShare * 100).toFixed(0)} % of one core\n`,
  );
  return figures;
}

try {
  console.log(`Load at the start: ${load()}`);
  await signIn(h);
  await joinFromLobby(h.page);
  await addBots(h.swarm, botIds(0, BOTS));
  await h.page
    .locator('figure.tile video')
    .nth(BOTS - 1)
    .waitFor({ timeout: 60_000 });
  const layers = await publishedLayers();
  const layerHeights = layers.map((l) => l.height);
  console.log(
    `${BOTS} bots, each publishing 960×540 at 15 fps in layers ${layers.map((l) => `${l.width}×${l.height}`).join(', ')} ` +
      `(dynacast on); window ${WINDOW_MS / 1000} s per case, once frame sizes are steady for ${STABLE_MS / 1000} s.\n` +
      "expected: the layer LiveKit's rule picks for the tile's CSS height (pixel density 1).\n",
  );
  console.log(
    `${pad('case', 21)} ${pad('place', 10)} ${pad('tile', 7)} ${padStart('CSS size', 9)}  expected   received   fps  kbit/s`,
  );
  const figures: TileFigure[] = [];
  for (const c of CASES) {
    figures.push(...(await measure(c, layerHeights)));
    if (c.layout === 'speaker')
      await h.page.screenshot({ path: 'test-results/screenshots/adaptive-speaker.png' });
  }

  console.log('Median per case and place: tile height → received height, kbit/s');
  for (const g of byGroup(figures)) {
    console.log(
      `  ${pad(g.group, 34)} ${padStart(g.tileHeight, 4)} px → ${padStart(g.receivedHeight, 4)}p  ${padStart(g.kbps.toFixed(0), 5)} kbit/s`,
    );
  }
  const broken = violations(byGroup(figures));
  console.log(
    broken.length === 0
      ? 'Smaller tiles received a lower (or the same) layer and fewer bits: yes.'
      : `Smaller tiles did NOT always receive less:\n  ${broken.join('\n  ')}`,
  );
  console.log(`Load at the end: ${load()}`);
  if (broken.length > 0) process.exitCode = 1;
} finally {
  await h.stop();
}
