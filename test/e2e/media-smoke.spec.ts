// Real media through the real LiveKit server: two Chromium pages with fake devices.
import { join } from 'node:path';
import { devToken, expect, test } from './fixtures.js';
import { servePage, type PageServer } from './page-server.js';

let pageServer: PageServer;
test.beforeAll(async () => {
  pageServer = await servePage(join(import.meta.dirname, 'pages', 'smoke-client.ts'));
});
test.afterAll(async () => pageServer?.close());

test('video and audio flow from one participant to another, and departure is seen', async ({
  browser,
  stack,
}) => {
  const room = `smoke-${Date.now()}`;
  const [contextA, contextB] = [await browser.newContext(), await browser.newContext()];
  const [pageA, pageB] = [await contextA.newPage(), await contextB.newPage()];
  await Promise.all([pageA.goto(pageServer.url), pageB.goto(pageServer.url)]);
  await Promise.all([
    pageA.waitForFunction(() => 'smoke' in window),
    pageB.waitForFunction(() => 'smoke' in window),
  ]);

  const a = await devToken(stack, room, 'alice');
  const b = await devToken(stack, room, 'bob');
  await pageB.evaluate(({ url, token }) => window.smoke.join(url, token, false), b);
  await pageA.evaluate(({ url, token }) => window.smoke.join(url, token, true), a);

  await expect.poll(() => pageB.evaluate(() => window.smoke.hasTrack('alice', 'video'))).toBe(true);
  await expect.poll(() => pageB.evaluate(() => window.smoke.hasTrack('alice', 'audio'))).toBe(true);

  // Frames keep arriving and decoding: a frozen or black-holed track would count zero or one.
  const video = await pageB.evaluate(() => window.smoke.videoFrames('alice', 1500));
  expect(video.width).toBeGreaterThan(0);
  expect(video.height).toBeGreaterThan(0);
  expect(video.frames).toBeGreaterThan(10);

  // The fake microphone plays a periodic beep; silence would peak at 0.
  const peak = await pageB.evaluate(() => window.smoke.audioPeak('alice', 2000));
  expect(peak).toBeGreaterThan(0.01);

  await pageA.evaluate(() => window.smoke.leave());
  await expect.poll(() => pageB.evaluate(() => window.smoke.departed())).toContain('alice');
  expect(await pageB.evaluate(() => window.smoke.remoteIdentities())).not.toContain('alice');

  await Promise.all([contextA.close(), contextB.close()]);
});
