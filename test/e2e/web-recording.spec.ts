// Local recording in the web client, against the real app server and LiveKit, in Chromium: the
// file goes chunk by chunk into the origin private file system and reaches the user as a
// download, judged by ffprobe and ffmpeg; a tab that crashes mid-recording leaves a file the
// next visit repairs and offers; the consent mark works as on the desktop.
import { readFile } from 'node:fs/promises';
import { decodeFrameAt, probe } from '../support/media-probe.js';
import { expect, expectNoPageErrors, test } from './meeting-fixtures.js';
import { screenshot, signIn, startRecording } from './meeting-helpers.js';
import { opfsRecordings, webMeeting } from './web-recording-helpers.js';

test('records 5 s in the web client: a download that plays; the other side sees the mark', async ({
  browser,
  stack,
}) => {
  test.setTimeout(120_000);
  const { alice, bob } = await webMeeting(browser, stack.appUrl, 'Web recording review');
  await expect(alice.locator('figure.tile')).toHaveCount(2);

  await startRecording(alice);
  const startedAt = Date.now();
  await expect(alice.getByRole('status', { name: 'Recording notice' })).toHaveText(/You are recording/);
  await expect(bob.getByRole('status', { name: 'Recording notice' })).toHaveText(
    'Alice Archer is recording this meeting',
  );
  await expect(bob.locator('figure.tile[data-recording="true"]')).toContainText('Alice Archer');
  // While it runs, the bytes are in the browser's private file system, not in the page.
  expect((await opfsRecordings(alice)).filter((n) => n.endsWith('.mp4'))).toHaveLength(1);
  await screenshot(alice, 'web-recording-in-progress-recorder');
  await screenshot(bob, 'web-recording-in-progress-other');
  await alice.waitForTimeout(Math.max(0, startedAt + 5_000 - Date.now()));

  const downloaded = alice.waitForEvent('download');
  await alice.getByRole('button', { name: 'Stop recording' }).click();
  const download = await downloaded;
  await expect(alice.getByText('Recording saved to your downloads')).toBeVisible();
  await screenshot(alice, 'web-recording-saved');
  expect(download.suggestedFilename()).toMatch(
    /^Convene - Web recording review - \d{4}-\d\d-\d\d \d\d\.\d\d\.\d\d\.mp4$/,
  );
  const path = await download.path();
  const marks = await alice.evaluate(() =>
    ['stop', 'start', 'started'].map(
      (m) => performance.getEntriesByName(`convene:recording-${m}`)[0]?.startTime ?? 0,
    ),
  );
  const [shortest, longest] = [(marks[0]! - marks[2]!) / 1000, (marks[0]! - marks[1]!) / 1000];
  const probed = await probe(path);
  console.log(
    `web recording: ${probed.streams.map((s) => s.codec_name).join('+')}, ${probed.durationSeconds} s in the file, ${shortest.toFixed(2)}-${longest.toFixed(2)} s recorded`,
  );
  expect(probed.streams.filter((s) => s.codec_type === 'video')).toHaveLength(1);
  expect(probed.streams.filter((s) => s.codec_type === 'audio')).toHaveLength(1);
  expect(probed.durationSeconds).toBeGreaterThanOrEqual(shortest - 1);
  expect(probed.durationSeconds).toBeLessThanOrEqual(longest + 1);
  await decodeFrameAt(path, 3);

  await expect(bob.getByRole('status', { name: 'Recording notice' })).toBeHidden();
  await expect(bob.locator('figure.tile[data-recording="true"]')).toHaveCount(0);
  expectNoPageErrors(alice, bob);
});

test('a tab that crashes mid-recording leaves a file the next visit repairs and offers', async ({
  browser,
  stack,
}) => {
  // Three visits, a crash and LiveKit noticing it (about 20 s) add up: 2 min ran out at the last
  // step once on a busy CI machine.
  test.setTimeout(180_000);
  const { alice, bob } = await webMeeting(browser, stack.appUrl, 'Crashed tab review');
  await startRecording(alice);
  const startedAt = Date.now();
  await alice.waitForTimeout(6_000);
  // The renderer process of the tab dies, as in a real crash: nothing runs on unload.
  const cdp = await alice.context().newCDPSession(alice);
  const crashed = alice.waitForEvent('crash');
  // Chromium never answers Page.crash: the page it would answer from is gone.
  void cdp.send('Page.crash').catch(() => undefined);
  await crashed;
  const recordedSeconds = (Date.now() - startedAt) / 1000;
  await expect(bob.locator('figure.tile')).toHaveCount(1, { timeout: 30_000 });
  await expect(bob.getByRole('status', { name: 'Recording notice' })).toBeHidden();

  // The next visit, in the same browser profile.
  const next = await alice.context().newPage();
  // Sign-in lives in each tab's sessionStorage; the recording in the profile's storage.
  await signIn(next, stack.appUrl, 'alice');
  const notice = next.getByRole('status', { name: 'Recovered recording' });
  await expect(notice).toHaveText(/Recovered recording of Crashed tab review, \d+ s/, { timeout: 20_000 });
  await screenshot(next, 'web-recording-recovered');
  const downloaded = next.waitForEvent('download');
  await notice.getByRole('button', { name: 'Download' }).click();
  const download = await downloaded;
  expect(download.suggestedFilename()).toMatch(/^Convene - Crashed tab review - .*\.mp4$/);
  const path = await download.path();
  const probed = await probe(path);
  console.log(`web recovered: ${probed.durationSeconds} s of ${recordedSeconds.toFixed(1)} s recorded`);
  expect(probed.streams.map((s) => s.codec_type).sort()).toEqual(['audio', 'video']);
  expect(Math.abs(probed.durationSeconds - recordedSeconds)).toBeLessThanOrEqual(3);
  await decodeFrameAt(path, 3);
  await expect(notice).toBeHidden();

  // Taken once: the visit after that removes it from the browser's storage and offers nothing.
  await next.close();
  const later = await alice.context().newPage();
  await signIn(later, stack.appUrl, 'alice');
  await expect.poll(() => opfsRecordings(later)).toEqual([]);
  await expect(later.getByRole('status', { name: 'Recovered recording' })).toHaveCount(0);

  // A file torn mid-fragment (the recovered bytes and half a moof after them) is cut back to
  // its whole fragments; Discard removes it.
  const torn = [...(await readFile(path)), 0, 0, 0x40, 0, ...Buffer.from('moof'), 1, 2, 3];
  await later.evaluate(async (bytes) => {
    const dir = await (await navigator.storage.getDirectory()).getDirectoryHandle('convene-recordings');
    const put = async (name: string, data: BufferSource | string) => {
      const w = await (await dir.getFileHandle(name, { create: true })).createWritable();
      await w.write(data);
      await w.close();
    };
    await put('torn.mp4', new Uint8Array(bytes));
    const info = { id: 'torn', roomId: 'r', roomTitle: 'Torn review', startedAt: new Date().toISOString() };
    await put('torn.json', JSON.stringify({ ...info, fileName: 'Torn.mp4', state: 'recording' }));
  }, torn);
  await later.reload();
  const tornNotice = later.getByRole('status', { name: 'Recovered recording' });
  await expect(tornNotice).toHaveText(/Recovered recording of Torn review, \d+ s/);
  const size = await later.evaluate(async () => {
    const dir = await (await navigator.storage.getDirectory()).getDirectoryHandle('convene-recordings');
    return (await (await dir.getFileHandle('torn.mp4')).getFile()).size;
  });
  expect(size).toBe((await readFile(path)).length);
  await tornNotice.getByRole('button', { name: 'Discard' }).click();
  await expect(tornNotice).toBeHidden();
  await expect.poll(() => opfsRecordings(later)).toEqual([]);
});

test("the host's switch in the meeting lets a participant record, and stops them; the file is saved", async ({
  browser,
  stack,
}) => {
  test.setTimeout(150_000);
  // Created with recording by others off, in the form.
  const { alice, bob } = await webMeeting(browser, stack.appUrl, 'Forbidden recording review', {
    allowRecording: false,
    shot: 'create-room-recording-off',
  });
  // Bob's Record button says so from the join grant, before he presses it; pressing explains.
  const forbidden = bob.getByRole('button', { name: 'Recording turned off by the host' });
  await expect(forbidden).toHaveAttribute('aria-disabled', 'true');
  // Playwright will not click what aria-disabled marks; a person can, and is told why.
  await forbidden.click({ force: true });
  await expect(bob.getByText('The host of this meeting does not allow recording.')).toBeVisible();
  await forbidden.hover();
  await bob.waitForTimeout(600); // the tooltip fades in after 300 ms
  await screenshot(bob, 'web-recording-forbidden-button');
  await expect(alice.getByRole('status', { name: 'Recording notice' })).toBeHidden();

  // The host's room-wide controls are in the participants panel; a participant has no switch.
  await alice.getByRole('button', { name: 'Open participants' }).click();
  const allow = alice.getByRole('switch', { name: 'Let participants record' });
  await expect(allow).not.toBeChecked();
  await bob.getByRole('button', { name: 'Open participants' }).click();
  await expect(bob.getByRole('list', { name: 'In the meeting' })).toContainText('Bob Baker (you)');
  await expect(bob.getByRole('switch')).toHaveCount(0);
  await allow.click();
  await expect(allow).toBeChecked();
  // Bob's button follows at once (LiveKit's room metadata), with nothing reloaded.
  const start = bob.getByRole('button', { name: 'Start recording' });
  await expect(start).not.toHaveAttribute('aria-disabled');
  await start.click();
  await expect(bob.getByRole('button', { name: 'Stop recording' })).toBeVisible({ timeout: 30_000 });
  await expect(alice.getByRole('status', { name: 'Recording notice' })).toHaveText(
    'Bob Baker is recording this meeting',
  );
  await screenshot(alice, 'web-recording-host-switch-on');
  await bob.waitForTimeout(3_000);

  const downloaded = bob.waitForEvent('download');
  await allow.click();
  await expect(allow).not.toBeChecked();
  await expect(bob.getByText('The host turned off recording; your recording was saved')).toBeVisible();
  const download = await downloaded;
  // Saved once the switch is enabled again (it waits for the app server's answer).
  await expect(allow).toBeEnabled();
  await expect(alice.getByText('Only hosts can record this meeting.')).toBeVisible();
  await screenshot(alice, 'web-recording-host-switch-off');
  await expect(alice.getByRole('status', { name: 'Recording notice' })).toBeHidden();
  await expect(alice.locator('figure.tile[data-recording="true"]')).toHaveCount(0);
  const path = await download.path();
  const probed = await probe(path);
  console.log(`web recording stopped by the host: ${probed.durationSeconds} s saved`);
  expect(probed.streams.map((s) => s.codec_type).sort()).toEqual(['audio', 'video']);
  expect(probed.durationSeconds).toBeGreaterThan(2);
  await decodeFrameAt(path, 1);
  // And Bob cannot start another: the button says so again, and pressing it explains.
  await expect(forbidden).toHaveAttribute('aria-disabled', 'true');
  await forbidden.click({ force: true });
  await expect(bob.getByText('The host of this meeting does not allow recording.')).toBeVisible();
  await expect(bob.getByRole('status', { name: 'Recording notice' })).toBeHidden();
  expectNoPageErrors(alice, bob);
});

test('a disk that fills up mid-recording: the recording stops and the file so far is downloaded', async ({
  browser,
  stack,
}) => {
  test.setTimeout(120_000);
  const { alice, bob } = await webMeeting(browser, stack.appUrl, 'Full disk review');
  await alice.getByRole('button', { name: 'Start recording' }).click();
  await expect(bob.getByRole('status', { name: 'Recording notice' })).toBeVisible();
  await alice.waitForTimeout(3_000);
  const downloaded = alice.waitForEvent('download');
  // The browser's own quota for the site, lowered to what is used plus about a second of video:
  // the browser then refuses the writes as on a full disk. (Chromium enforces this override on
  // writes; navigator.storage.estimate() does not report it, so the check before a recording
  // starts cannot be driven this way.)
  const cdp = await alice.context().newCDPSession(alice);
  const { usage } = await cdp.send('Storage.getUsageAndQuota', { origin: stack.appUrl });
  await cdp.send('Storage.overrideQuotaForOrigin', { origin: stack.appUrl, quotaSize: usage + 400_000 });
  await expect(alice.getByText(/The recording stopped: the disk is full/)).toBeVisible({ timeout: 20_000 });
  const download = await downloaded;
  await expect(alice.getByText('What was recorded is in your downloads')).toBeVisible();
  await screenshot(alice, 'web-recording-disk-full');
  const path = await download.path();
  const probed = await probe(path);
  console.log(`web recording at a full disk: ${probed.durationSeconds} s kept`);
  expect(probed.streams.map((s) => s.codec_type).sort()).toEqual(['audio', 'video']);
  expect(probed.durationSeconds).toBeGreaterThan(2);
  await decodeFrameAt(path, 1);
  await expect(alice.getByRole('button', { name: 'Start recording' })).toBeVisible();
  await expect(bob.getByRole('status', { name: 'Recording notice' })).toBeHidden();
  await cdp.send('Storage.overrideQuotaForOrigin', { origin: stack.appUrl });
  expectNoPageErrors(alice, bob);
});
