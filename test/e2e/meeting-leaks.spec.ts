// Joining and leaving leaves nothing of the meeting behind in the page. Two leaks this caught:
// - Chromium gives every <video> two IntersectionObservers of its own in each document the
//   element enters; a <video> that passed through the inert document Svelte builds its blocks in
//   (a <template>'s) kept the two made there for good, 2 KB for every video of every join (issue
//   11's leak benchmark: 8 a join with four people on camera).
// - livekit-client keeps detached <audio> elements for reuse; ours were still in their <div>
//   when detached, so each kept the whole room view it sat in: one per meeting with sound.
// - A click on Join while the lobby's camera or microphone was still opening: the room opened
//   a second one, and the lobby's, opened a moment later, stayed live (the microphone with its
//   level meter's AudioContext running) for as long as the page lived.
// - Leaving while the meeting still connected ended it twice (the failed connect and the
//   room's disconnect): a second "left" screen took back a Rejoin already clicked.
// Counted in a DevTools heap snapshot of the joining page, where Blink's own objects show by name.
import type { Browser, CDPSession, Page } from '@playwright/test';
import { heapNodes } from '../support/heap-snapshot.js';
import { expect, expectNoPageErrors, newPage, test } from './meeting-fixtures.js';
import {
  createRoom,
  framesIn,
  inviteLink,
  joinFromLobby,
  openRoomLobby,
  remoteAudioPeak,
  signIn,
  tileOf,
} from './meeting-helpers.js';

const CYCLES = 5;

/** Alice in her meeting `title`, Bob in its lobby through the invite link; `prepareBob` runs on
 *  his page before he signs in (init scripts). */
async function aliceInMeetingBobInLobby(
  browser: Browser,
  appUrl: string,
  title: string,
  prepareBob?: (bob: Page) => Promise<void>,
): Promise<{ alice: Page; bob: Page }> {
  const alice = await newPage(browser);
  const bob = await newPage(browser);
  await prepareBob?.(bob);
  await signIn(alice, appUrl, 'alice');
  await signIn(bob, appUrl, 'bob');
  await createRoom(alice, title);
  const link = await inviteLink(alice, title);
  await openRoomLobby(alice, title);
  await joinFromLobby(alice);
  await bob.getByLabel('Invite link or room code').fill(link);
  await bob.getByRole('button', { name: 'Continue' }).click();
  return { alice, bob };
}

/** After a full garbage collection: Blink's IntersectionObserver objects alive in the page, and
 *  room views (`<div class="room">`) out of the document but still in memory. */
async function leftovers(cdp: CDPSession): Promise<{ observers: number; detachedRooms: number }> {
  const counts = { observers: 0, detachedRooms: 0 };
  for (const { type, name, detachedness } of await heapNodes(cdp)) {
    if (type !== 'native') continue;
    if (name === 'IntersectionObserver') counts.observers += 1;
    // V8 marks DOM nodes out of the document 2 ('detached').
    if (name.startsWith('<div class="room ') && detachedness === 2) counts.detachedRooms += 1;
  }
  return counts;
}

/**
 * Join now → Alice's video on screen → Leave meeting → Rejoin → lobby, `cycles` times, clicked
 * from inside the page: Playwright's own clicks leave observers of the tool's in the page.
 */
function joinAndLeave(page: Page, cycles: number): Promise<void> {
  return page.evaluate(async (count) => {
    const button = (name: string) =>
      [...document.querySelectorAll('button')].find(
        (b) => !b.disabled && (b.getAttribute('aria-label') ?? b.textContent?.trim()) === name,
      );
    const until = (test: () => unknown) =>
      new Promise<void>((resolve, reject) => {
        const started = performance.now();
        const poll = () =>
          test()
            ? resolve()
            : performance.now() - started > 15_000
              ? reject(new Error('timed out in the join/leave cycle'))
              : setTimeout(poll, 20);
        poll();
      });
    const press = async (name: string) => {
      await until(() => button(name));
      button(name)!.click();
    };
    const alicesVideo = () =>
      [...document.querySelectorAll('figure.tile')]
        .find((tile) => tile.textContent?.includes('Alice Archer'))
        ?.querySelector('video');
    for (let i = 0; i < count; i += 1) {
      await press('Join now');
      await until(alicesVideo);
      await press('Leave meeting');
      await press('Rejoin');
      await until(() => button('Join now'));
    }
  }, cycles);
}

test('joining and leaving again and again leaves nothing of the meeting behind', async ({
  browser,
  stack,
}) => {
  test.setTimeout(120_000);
  // Bob joins with his camera on too: his own tile has a <video> as well as Alice's.
  const { alice, bob } = await aliceInMeetingBobInLobby(browser, stack.appUrl, 'Leak check');
  await expect(bob.getByRole('button', { name: 'Join now' })).toBeEnabled();
  await joinAndLeave(bob, 1);
  const cdp = await bob.context().newCDPSession(bob);
  const before = await leftovers(cdp);
  await joinAndLeave(bob, CYCLES);
  const after = await leftovers(cdp);

  // Two videos a join: the first leak kept 4 observers a join, and the second kept every room
  // view with its videos' observers (28 over 5 joins with both, 13 with the second alone). None
  // should stay; one or two may come and go with whatever else the page is doing.
  const observers = after.observers - before.observers;
  expect(
    observers,
    `IntersectionObservers ${before.observers} → ${after.observers} over ${CYCLES} joins`,
  ).toBeLessThan(CYCLES);
  expect(after.detachedRooms, 'room views kept after leaving').toBeLessThanOrEqual(1);
  await joinFromLobby(bob);
  await expect(tileOf(bob, 'Alice Archer').locator('video')).toBeVisible();
  expectNoPageErrors(alice, bob);
});

/** Bob's page: camera and microphone open only once `window.__releaseDevices()` is called, and
 *  every track getUserMedia gives and every AudioContext the page makes is kept on
 *  `window.__audit` to be looked at. */
async function auditDevices(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const audit = { tracks: [] as MediaStreamTrack[], contexts: [] as AudioContext[] };
    let release = () => {};
    const released = new Promise<void>((resolve) => (release = resolve));
    Object.assign(window, { __audit: audit, __releaseDevices: () => release() });
    const devices = navigator.mediaDevices;
    const open = devices.getUserMedia.bind(devices);
    devices.getUserMedia = async (constraints) => {
      await released;
      const stream = await open(constraints);
      audit.tracks.push(...stream.getTracks());
      return stream;
    };
    const Base = window.AudioContext;
    window.AudioContext = class extends Base {
      constructor(options?: AudioContextOptions) {
        super(options);
        audit.contexts.push(this);
      }
    };
  });
}

/** Each track as "kind state" (sorted), and each AudioContext's state. */
function deviceAudit(page: Page): Promise<{ tracks: string[]; contexts: string[] }> {
  return page.evaluate(() => {
    const audit = (window as unknown as { __audit: { tracks: MediaStreamTrack[]; contexts: AudioContext[] } })
      .__audit;
    return {
      tracks: audit.tracks.map((t) => `${t.kind} ${t.readyState}`).sort(),
      contexts: audit.contexts.map((c) => c.state),
    };
  });
}

test('a click on Join while camera and microphone are still opening takes them along and closes them after', async ({
  browser,
  stack,
}) => {
  test.setTimeout(90_000);
  const { alice, bob } = await aliceInMeetingBobInLobby(browser, stack.appUrl, 'Device race', auditDevices);
  await bob.getByRole('button', { name: 'Join now' }).click();
  expect((await deviceAudit(bob)).tracks, 'no device open yet at the click').toEqual([]);
  await expect(bob.getByRole('toolbar', { name: 'Meeting controls' })).toBeVisible();
  // The devices open only now, after the click and while the meeting is already on.
  await bob.evaluate(() => (window as unknown as { __releaseDevices: () => void }).__releaseDevices());

  // One camera and one microphone in all, the lobby's, and Alice sees and hears them.
  await expect.poll(() => remoteAudioPeak(alice), { timeout: 15_000 }).toBeGreaterThan(0.01);
  const bobsVideo = tileOf(alice, 'Bob Baker').locator('video');
  await expect(bobsVideo).toBeVisible();
  expect((await framesIn(bobsVideo)).frames).toBeGreaterThan(5);
  expect((await deviceAudit(bob)).tracks).toEqual(['audio live', 'video live']);

  await bob.getByRole('button', { name: 'Leave meeting' }).click();
  await expect(bob.getByRole('button', { name: 'Rejoin' })).toBeVisible();
  await expect
    .poll(async () => (await deviceAudit(bob)).tracks, { message: 'camera and microphone after leaving' })
    .toEqual(['audio ended', 'video ended']);
  await expect
    .poll(async () => (await deviceAudit(bob)).contexts.filter((state) => state !== 'closed'), {
      message: 'audio contexts still open after leaving',
    })
    .toEqual([]);
  expectNoPageErrors(alice, bob);
});

/** Bob's page: while `window.__state.holdAnswers` is true, LiveKit's answers are never set (that
 *  meeting's peer connection stays connecting for good; later ones are left alone), and each
 *  time the "left" screen is put up (App.svelte mounts a new view per route) counts in
 *  `window.__state.leftScreens`. */
async function holdConnectingCountLeftScreens(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const state = { holdAnswers: true, leftScreens: 0 };
    Object.assign(window, { __state: state });
    const setRemote = RTCPeerConnection.prototype.setRemoteDescription;
    RTCPeerConnection.prototype.setRemoteDescription = function (
      this: RTCPeerConnection,
      ...args: Parameters<typeof setRemote>
    ) {
      return state.holdAnswers ? new Promise<void>(() => {}) : setRemote.apply(this, args);
    } as typeof setRemote;
    new MutationObserver((records) => {
      for (const record of records)
        for (const node of record.addedNodes)
          if (node instanceof Element && (node.id === 'left-title' || node.querySelector('#left-title')))
            state.leftScreens += 1;
    }).observe(document, { childList: true, subtree: true });
  });
}

test('leaving while the meeting still connects shows "left" once, and a Rejoin clicked then holds', async ({
  browser,
  stack,
}) => {
  test.setTimeout(90_000);
  const { alice, bob } = await aliceInMeetingBobInLobby(
    browser,
    stack.appUrl,
    'Leave early',
    holdConnectingCountLeftScreens,
  );
  const state = () => bob.evaluate(() => (window as unknown as { __state: { leftScreens: number } }).__state);
  await bob.getByRole('button', { name: 'Join now' }).click();
  await expect(bob.locator('.room')).toHaveAttribute('data-status', 'connecting');
  // Leaving now both fails the connection and disconnects the room: two ends of one meeting.
  await bob.getByRole('button', { name: 'Leave meeting' }).click();
  await expect(bob.getByRole('button', { name: 'Rejoin' })).toBeVisible();
  await bob.evaluate(() => {
    (window as unknown as { __state: { holdAnswers: boolean } }).__state.holdAnswers = false;
  });
  await bob.getByRole('button', { name: 'Rejoin' }).click();
  await expect(bob.getByRole('button', { name: 'Join now' })).toBeEnabled();
  // Whatever of the first meeting was still on its way has arrived by now (a second "left"
  // screen came within a few hundred ms when it did); the lobby must still be showing.
  await bob.waitForTimeout(1_500);
  expect((await state()).leftScreens, 'times the "left" screen was put up').toBe(1);
  await expect(bob.getByRole('button', { name: 'Join now' })).toBeEnabled();
  // And the meeting can be joined from there (answers are no longer held).
  await joinFromLobby(bob);
  await expect(tileOf(bob, 'Alice Archer').locator('video')).toBeVisible();
  expectNoPageErrors(alice, bob);
});
