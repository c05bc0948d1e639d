// The big-room set-up shared by the scale and leak benchmarks: a stack whose LiveKit also
// listens on a non-loopback test address (for the bots), a room made through the app server's
// API, a swarm of video bots, and the measured client: the web client in Debian's Chromium,
// signed in as bob, camera and microphone off (what is measured is the meeting, not his encoder).
import { chromium, type Browser, type CDPSession, type Page } from '@playwright/test';
import { join } from 'node:path';
import { build } from 'vite';
import type { PlayoutDelay } from '../../scripts/stack/livekit-config.js';
import { playoutDelayFromEnv } from '../support/playout-delay.js';
import { REPO_ROOT, startStack, type Stack } from '../../scripts/stack/stack.js';
import { chromiumArgs, chromiumPath } from '../../test/e2e/chromium.js';
import { createRoomAsAlice } from '../support/app-api.js';
import { startBotSwarm, type BotSwarm } from '../support/bot-swarm.js';
import { extraBrowserFlags } from '../support/browser-flags.js';
import { fpsFromEnv, publisherFromEnv, type BotPublisher } from '../support/bot-publisher.js';
import { BOT_VIDEOS, type BotVideoName } from '../support/bot-video.js';
import { createHostAddress, hostAddressUnavailable, type HostAddress } from '../support/host-address.js';
import { PAGE_PROBE } from '../support/page-probe.js';

export interface Harness {
  stack: Stack;
  swarm: BotSwarm;
  browser: Browser;
  page: Page;
  /** DevTools sessions: the page's (metrics, profiler) and the browser's (process CPU). */
  cdp: CDPSession;
  browserCdp: CDPSession;
  roomCode: string;
  /** The LiveKit room's name (the app's room id). */
  roomId: string;
  /** The Chromium switches BENCH_BROWSER_FLAGS added (none by default). */
  browserFlags: string[];
  /** The LiveKit playout delay BENCH_PLAYOUT_DELAY set (LiveKit's default when absent). */
  playoutDelay: PlayoutDelay | undefined;
  stop(): Promise<void>;
}

/** Exits with the reason when this machine cannot run the benchmark. */
export async function requireHostAddress(): Promise<void> {
  const why = await hostAddressUnavailable();
  if (!why) return;
  console.log(`Skipped: ${why} (the bots need a non-loopback test address).`);
  process.exit(0);
}

export async function startHarness(
  viewport = { width: 1920, height: 1080 },
  botVideo: BotVideoName = 'small',
  /** Unless BENCH_PUBLISHER says otherwise; simulcast needs the node bots' live encoder. */
  defaultPublisher: BotPublisher = botVideo === 'small' ? 'go' : 'node',
): Promise<Harness> {
  // Unminified, so the CPU profile names functions (minifying changes names, not the work).
  await build({
    configFile: join(REPO_ROOT, 'renderer', 'vite.config.ts'),
    logLevel: 'warn',
    build: { minify: false },
  });
  const playoutDelay = playoutDelayFromEnv();
  const host: HostAddress = await createHostAddress();
  const stack = await startStack({
    mode: 'test',
    seedUsers: true,
    nodeIp: host.ip,
    ...(playoutDelay ? { playoutDelay } : {}),
    appEnv: { CONVENE_LOG_LEVEL: 'warn' },
  });
  const room = await createRoomAsAlice(stack, 'Big room');
  // The Go publisher for the 160×90 bots (no encoding, so they do not starve the measured
  // client of CPU); simulcast needs the node bots' live encoder.
  const swarm = await startBotSwarm(stack, host.ip, room.id, {
    video: botVideo,
    publisher: publisherFromEnv(defaultPublisher),
    fps: fpsFromEnv(BOT_VIDEOS[botVideo].fps),
  }).catch(async (err: unknown) => {
    await stack.stop();
    await host.remove();
    throw err;
  });
  const browserFlags = extraBrowserFlags();
  const browser = await chromium.launch({
    executablePath: chromiumPath(),
    args: [...chromiumArgs(), ...browserFlags],
  });
  const context = await browser.newContext({ viewport, permissions: ['camera', 'microphone'] });
  await context.addInitScript(PAGE_PROBE);
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  const browserCdp = await browser.newBrowserCDPSession();
  await cdp.send('Performance.enable');
  return {
    stack,
    swarm,
    browser,
    page,
    cdp,
    browserCdp,
    roomCode: room.slug,
    roomId: room.id,
    browserFlags,
    playoutDelay,
    async stop() {
      await browser.close().catch(() => undefined);
      await swarm.stop();
      await stack.stop();
      await host.remove();
    },
  };
}

export async function signIn(h: Harness, username = 'bob'): Promise<void> {
  const { page } = h;
  await page.goto(h.stack.appUrl);
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password').fill('convene-demo');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { name: /Good to see you/ }).waitFor();
  await page.getByLabel('Invite link or room code').fill(h.roomCode);
  await page.getByRole('button', { name: 'Continue' }).click();
}

/**
 * Clicks a button from inside the page, once it is enabled. Playwright's own click checks the
 * viewport with an IntersectionObserver that the page keeps (8 a join and leave, 2 KB each):
 * the leak benchmark would count the tool instead of the app.
 */
async function press(page: Page, name: string): Promise<void> {
  const button = page.getByRole('button', { name, exact: true });
  await button.and(page.locator(':enabled')).waitFor();
  await button.evaluate((b: { click(): void }) => b.click());
}

/** From the lobby into the meeting, camera and microphone off. */
export async function joinFromLobby(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Join now' }).waitFor();
  for (const [on, off] of [
    ['Join with camera on', 'Join with camera off'],
    ['Join with microphone on', 'Join with microphone off'],
  ] as const) {
    if (await page.getByRole('button', { name: on }).isVisible()) await press(page, on);
    await page.getByRole('button', { name: off }).waitFor();
  }
  await press(page, 'Join now');
  await page.getByRole('toolbar', { name: 'Meeting controls' }).waitFor();
}

/** Grid or speaker view, through the control bar's layout button (absent when already there). */
export async function setLayout(page: Page, layout: 'grid' | 'speaker'): Promise<void> {
  const button = page.getByRole('button', { name: layout === 'grid' ? 'Grid layout' : 'Speaker layout' });
  if (await button.isVisible()) await button.click();
  await page.mouse.move(0, 0); // no tooltip over the tiles in the screenshots
}

export async function leaveToLobby(page: Page): Promise<void> {
  await press(page, 'Leave meeting');
  await press(page, 'Rejoin');
  await page.getByRole('button', { name: 'Join now' }).waitFor();
}

export const botIds = (from: number, to: number): string[] =>
  Array.from({ length: to - from }, (_, i) => `bot-${from + i + 1}`);

/** Joins bots a few at a time: dozens of simultaneous ICE starts overwhelm two cores. */
export async function addBots(swarm: BotSwarm, ids: string[], camera = true): Promise<void> {
  for (let i = 0; i < ids.length; i += 7) await swarm.join(ids.slice(i, i + 7), { camera });
}

/** JS heap (MB) and DOM nodes after full garbage collections; `afterOneGcMb` is the heap after
 *  the first alone. One collection leaves what only finalizers and cleared weak references
 *  release (they run after it), which read back differently from one call to the next (up to
 *  0.3 MB in the leak benchmark); the second, a task later, takes that too. */
export async function heapAndNodes(
  h: Harness,
): Promise<{ heapMb: number; afterOneGcMb: number; nodes: number }> {
  const usedMb = async () => {
    await h.cdp.send('HeapProfiler.collectGarbage');
    const { metrics } = await h.cdp.send('Performance.getMetrics');
    return (metrics.find((m) => m.name === 'JSHeapUsedSize')?.value ?? NaN) / 2 ** 20;
  };
  const afterOneGcMb = await usedMb();
  const nodes = (await h.page.evaluate(
    'new Promise((resolve) => setTimeout(() => resolve(document.getElementsByTagName("*").length), 0))',
  )) as number;
  return { heapMb: await usedMb(), afterOneGcMb, nodes };
}
