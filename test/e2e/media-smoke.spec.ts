// Real media through the real LiveKit server: two Chromium pages with fake devices.
import { join } from 'node:path';
import { expect, joinAs, test } from './fixtures.js';
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

  // Real users and a real room: alice hosts, bob joins as a participant.
  const a = await joinAs(stack, 'alice', room);
  const b = await joinAs(stack, 'bob', room);
  await pageB.evaluate(({ url, token }) => window.smoke.join(url, token, false), b);
  await pageA.evaluate(({ url, token }) => window.smoke.join(url, token, true), a);

  await expect.poll(() => pageB.evaluate((id) => window.smoke.hasTrack(id, 'video'), a.identity)).toBe(true);
  await expect.poll(() => pageB.evaluate((id) => window.smoke.hasTrack(id, 'audio'), a.identity)).toBe(true);

  // Frames keep arriving and decoding: a frozen or black-holed track would count zero or one.
  // Counted again while the track is still ramping up (10 in the first 1.5 s on a loaded machine).
  let video = { frames: 0, width: 0, height: 0 };
  await expect
    .poll(
      async () => {
        video = await pageB.evaluate((id) => window.smoke.videoFrames(id, 1500), a.identity);
        return video.frames;
      },
      { timeout: 15_000 },
    )
    .toBeGreaterThan(10);
  expect(video.width).toBeGreaterThan(0);
  expect(video.height).toBeGreaterThan(0);

  // The fake microphone plays a periodic beep; silence would peak at 0.
  const peak = await pageB.evaluate((id) => window.smoke.audioPeak(id, 2000), a.identity);
  expect(peak).toBeGreaterThan(0.01);

  await pageA.evaluate(() => window.smoke.leave());
  await expect.poll(() => pageB.evaluate(() => window.smoke.departed())).toContain(a.identity);
  expect(await pageB.evaluate(() => window.smoke.remoteIdentities())).not.toContain(a.identity);

  await Promise.all([contextA.close(), contextB.close()]);
});
