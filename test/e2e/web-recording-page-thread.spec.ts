// A browser that cannot hand a track's frames to a worker (no MediaStreamTrackProcessor: Firefox,
// Safari) records on the page's own thread instead (renderer/src/recording/page-recorder.ts).
// Debian's Chromium is the only browser here, so the test takes the API away before the app
// loads: a stand-in for such a browser, not the browser itself. The file must be as good.
import { decodeFrameAt, probe } from '../support/media-probe.js';
import { expect, expectNoPageErrors, newPage, test } from './meeting-fixtures.js';
import { createRoom, joinFromLobby, openRoomLobby, signIn, startRecording } from './meeting-helpers.js';

test('without MediaStreamTrackProcessor the page records: a download that plays', async ({
  browser,
  stack,
}) => {
  test.setTimeout(90_000);
  const alice = await newPage(browser);
  await alice.addInitScript(() => {
    delete (globalThis as { MediaStreamTrackProcessor?: unknown }).MediaStreamTrackProcessor;
  });
  await signIn(alice, stack.appUrl, 'alice');
  await createRoom(alice, 'Page-thread recording');
  await openRoomLobby(alice, 'Page-thread recording');
  await joinFromLobby(alice);
  await expect(alice.locator('figure.tile')).toHaveCount(1);

  await startRecording(alice);
  // The page does the work: no recording worker is running (the file writer's worker is).
  await expect.poll(() => alice.workers().some((w) => /opfs-writer\.worker/.test(w.url()))).toBe(true);
  expect(alice.workers().filter((w) => /recording\.worker/.test(w.url()))).toEqual([]);
  await alice.waitForTimeout(4_000);
  const downloaded = alice.waitForEvent('download');
  await alice.getByRole('button', { name: 'Stop recording' }).click();
  const path = await (await downloaded).path();
  await expect(alice.getByText('Recording saved to your downloads')).toBeVisible();

  const marks = await alice.evaluate(() =>
    ['stop', 'started'].map((m) => performance.getEntriesByName(`convene:recording-${m}`)[0]?.startTime ?? 0),
  );
  const recorded = (marks[0]! - marks[1]!) / 1000;
  const probed = await probe(path);
  console.log(
    `page-thread recording: ${probed.durationSeconds} s in the file, ${recorded.toFixed(2)} s recorded`,
  );
  expect(probed.streams.map((s) => s.codec_type).sort()).toEqual(['audio', 'video']);
  expect(Math.abs(probed.durationSeconds - recorded)).toBeLessThanOrEqual(1);
  await decodeFrameAt(path, 2);
  expectNoPageErrors(alice);
});
