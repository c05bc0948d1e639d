// A 10-person meeting: bob in the web client and nine @livekit/rtc-node bots, eight publishing
// camera video and one without a camera. Real LiveKit (also listening on a non-loopback test
// address, which the bots need), real app server, Debian's Chromium. Checks the grid, speaker
// view, paging through the filmstrip (and that cameras are subscribed and unsubscribed with the
// page, counted from the WebRTC stats, not from the DOM), and initials for the camera-less bot.
import { expect, test, type Page } from '@playwright/test';
import { botName, startBotSwarm, type BotSwarm } from '../../bench/support/bot-swarm.js';
import {
  createHostAddress,
  hostAddressUnavailable,
  type HostAddress,
} from '../../bench/support/host-address.js';
import { PAGE_PROBE } from '../../bench/support/page-probe.js';
import { startStack, type Stack } from '../../scripts/stack/stack.js';
import { joinFromLobby, screenshot, signIn } from './meeting-helpers.js';

const CAMERA_BOTS = 8;
const NO_CAMERA = `bot-${CAMERA_BOTS + 1}`;

let host: HostAddress | null = null;
let stack: Stack | null = null;
let swarm: BotSwarm | null = null;
let roomSlug = '';

test.describe.configure({ mode: 'serial' });
// Nine bots joining on a busy two-core machine take a while; the assertions themselves do not.
test.setTimeout(180_000);

test.beforeAll(async () => {
  const why = await hostAddressUnavailable();
  test.skip(why !== null, `bots need a non-loopback test address: ${why}`);
  host = await createHostAddress();
  stack = await startStack({ mode: 'test', seedUsers: true, nodeIp: host.ip });
  const login = await fetch(`${stack.appUrl}/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'alice', password: 'convene-demo' }),
  });
  const { accessToken } = (await login.json()) as { accessToken: string };
  const created = await fetch(`${stack.appUrl}/rooms`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${accessToken}` },
    body: JSON.stringify({ title: 'Ten people' }),
  });
  const room = (await created.json()) as { id: string; slug: string };
  roomSlug = room.slug;
  swarm = await startBotSwarm(stack, host.ip, room.id);
  const cameras = Array.from({ length: CAMERA_BOTS }, (_, i) => `bot-${i + 1}`);
  for (let i = 0; i < cameras.length; i += 4) await swarm.join(cameras.slice(i, i + 4));
  await swarm.join([NO_CAMERA], { camera: false });
});

test.afterAll(async () => {
  await swarm?.stop();
  await stack?.stop();
  await host?.remove();
});

/** Remote tiles on screen, by identity. */
const shownBots = (page: Page) =>
  page
    .locator('figure.tile[data-identity^="bot-"]')
    .evaluateAll((tiles) => tiles.map((t) => t.getAttribute('data-identity') ?? ''));

/** Inbound video streams that are receiving: the cameras this client is subscribed to. */
const activeCameras = (page: Page) => page.evaluate('window.__bench.activeVideoIn(1500)') as Promise<number>;

test('ten people: grid, speaker view, filmstrip pages subscribe only their cameras, initials without a camera', async ({
  browser,
}) => {
  const context = await browser.newContext({
    viewport: { width: 1280, height: 800 },
    permissions: ['camera', 'microphone'],
  });
  await context.addInitScript(PAGE_PROBE);
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await signIn(page, stack!.appUrl, 'bob');
  await page.getByLabel('Invite link or room code').fill(roomSlug);
  await page.getByRole('button', { name: 'Continue' }).click();
  await joinFromLobby(page);

  // Grid: everyone on one page, eight cameras playing, the ninth bot as initials.
  await expect(page.locator('figure.tile')).toHaveCount(10, { timeout: 30_000 });
  await expect(page.getByText('10 in the meeting')).toBeVisible();
  await expect(page.locator('figure.tile[data-identity^="bot-"] video')).toHaveCount(CAMERA_BOTS, {
    timeout: 20_000,
  });
  await expect.poll(() => activeCameras(page), { timeout: 20_000 }).toBe(CAMERA_BOTS);
  const noCamera = page.locator(`figure.tile[data-identity="${NO_CAMERA}"]`);
  await expect(noCamera.locator('video')).toHaveCount(0);
  const [first, last] = botName(CAMERA_BOTS + 1).split(' ');
  await expect(noCamera.locator('.avatar')).toHaveText(`${first?.[0]}${last?.[0]}`);
  await expect(noCamera.locator('.avatar')).toBeVisible();
  await screenshot(page, 'big-room-grid-10');

  // Speaker view: one on the stage, a filmstrip of five per page at this width.
  await page.getByRole('button', { name: 'Speaker layout' }).click();
  await expect(page.getByText('Page 1 of 2')).toBeVisible();
  const page1 = await shownBots(page);
  const cameraBots = (ids: string[]) => ids.filter((id) => id !== NO_CAMERA).length;
  await expect.poll(() => activeCameras(page), { timeout: 20_000 }).toBe(cameraBots(page1));
  expect(cameraBots(page1)).toBeLessThan(CAMERA_BOTS);
  await screenshot(page, 'big-room-speaker-page-1');

  // Page 2: the cameras of page 1's filmstrip are dropped, page 2's are subscribed.
  await page.getByRole('button', { name: 'Next page' }).click();
  await expect(page.getByText('Page 2 of 2')).toBeVisible();
  const page2 = await shownBots(page);
  const stage = page1.filter((id) => page2.includes(id));
  expect(stage).toHaveLength(1); // only the speaker on the stage is on both
  await expect.poll(() => activeCameras(page), { timeout: 20_000 }).toBe(cameraBots(page2));
  await expect(
    page.locator(`figure.tile[data-identity="${page1.find((id) => !stage.includes(id))}"]`),
  ).toHaveCount(0);
  await screenshot(page, 'big-room-speaker-page-2');

  // And back.
  await page.getByRole('button', { name: 'Previous page' }).click();
  await expect(page.getByText('Page 1 of 2')).toBeVisible();
  expect((await shownBots(page)).sort()).toEqual([...page1].sort());
  await expect.poll(() => activeCameras(page), { timeout: 20_000 }).toBe(cameraBots(page1));

  // Back in the grid every camera is subscribed again.
  await page.getByRole('button', { name: 'Grid layout' }).click();
  await expect.poll(() => activeCameras(page), { timeout: 20_000 }).toBe(CAMERA_BOTS);
  expect(errors).toEqual([]);
  await context.close();
});
