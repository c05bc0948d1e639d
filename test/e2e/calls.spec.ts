// Calls between colleagues in the web client, through the real app server (push channel) and the
// real LiveKit server: the directory with presence, ringing on two clients of the callee,
// accepting with video (media both ways), declining with a message, cancelling, and a missed
// call under do-not-disturb with the badge and the recent-calls list.
import type { Page } from '@playwright/test';
import type { CdrPage, Session } from '../../common/api.js';
import type { CallList, CallView } from '../../common/calls.js';
import { call } from './fixtures.js';
import { expect, expectNoPageErrors, newPage, test } from './meeting-fixtures.js';
import {
  createRoom,
  DEMO_PASSWORD,
  framesIn,
  joinFromLobby,
  openPeople,
  openRoomLobby,
  person,
  remoteAudioPeak,
  ring,
  screenshot,
  signIn,
  tileOf,
} from './meeting-helpers.js';

test('bob calls carol: both her clients ring, she accepts with video on one, the other stops, they see and hear each other', async ({
  browser,
  stack,
}) => {
  test.setTimeout(120_000);
  const bob = await newPage(browser);
  const carol = await newPage(browser);
  const carolLaptop = await newPage(browser);
  await signIn(bob, stack.appUrl, 'bob');
  await signIn(carol, stack.appUrl, 'carol');
  await signIn(carolLaptop, stack.appUrl, 'carol');

  await openPeople(bob);
  await expect(person(bob, 'Carol Chen').getByTestId('presence')).toHaveText('Available');
  await expect(person(bob, 'Alice Archer').getByTestId('presence')).toHaveText('Offline');
  await bob.getByRole('searchbox', { name: 'Search people' }).fill('car');
  await expect(bob.getByRole('list', { name: 'Colleagues' }).getByRole('listitem')).toHaveCount(1);
  await bob.getByRole('searchbox', { name: 'Search people' }).fill('');
  await expect(person(bob, 'Alice Archer')).toBeVisible();
  await screenshot(bob, 'people-directory');

  await bob.getByRole('button', { name: 'Video call Carol Chen' }).click();
  await expect(ring(carol, 'Bob Baker')).toBeVisible();
  await expect(ring(carolLaptop, 'Bob Baker')).toBeVisible();
  await expect(bob.getByRole('region', { name: 'Your call' })).toContainText('ringing');
  // Both ring out loud (a WebAudio tone; the browser's autoplay rule is lifted in these tests).
  await expect(ring(carol, 'Bob Baker')).toHaveAttribute('data-tone', 'playing');
  await expect(ring(carolLaptop, 'Bob Baker')).toHaveAttribute('data-tone', 'playing');
  await screenshot(carol, 'ring-banner');

  await ring(carol, 'Bob Baker').getByRole('button', { name: 'Accept with video' }).click();
  await expect(ring(carolLaptop, 'Bob Baker')).toHaveCount(0);
  for (const page of [bob, carol]) {
    await expect(page.getByRole('toolbar', { name: 'Meeting controls' })).toBeVisible();
    await expect(page.locator('.room')).toHaveAttribute('data-status', 'connected');
  }
  await expect(tileOf(bob, 'Carol Chen')).toBeVisible();
  await expect(tileOf(carol, 'Bob Baker')).toBeVisible();
  await expect
    .poll(async () => (await framesIn(tileOf(bob, 'Carol Chen').locator('video'))).frames)
    .toBeGreaterThan(5);
  await expect
    .poll(async () => (await framesIn(tileOf(carol, 'Bob Baker').locator('video'))).frames)
    .toBeGreaterThan(5);
  await expect.poll(() => remoteAudioPeak(bob)).toBeGreaterThan(0.01);
  await expect.poll(() => remoteAudioPeak(carol)).toBeGreaterThan(0.01);
  await screenshot(bob, 'call-in-progress');
  expectNoPageErrors(bob, carol, carolLaptop);
  await Promise.all([bob, carol, carolLaptop].map((p) => p.context().close()));
});

test('declined with a message, cancelled by the caller, missed under do-not-disturb with a badge', async ({
  browser,
  stack,
}) => {
  test.setTimeout(120_000);
  const bob = await newPage(browser);
  const carol = await newPage(browser);
  await signIn(bob, stack.appUrl, 'bob');
  await signIn(carol, stack.appUrl, 'carol');
  await openPeople(bob);

  // Declined, with a short message the caller reads.
  await bob.getByRole('button', { name: 'Audio call Carol Chen' }).click();
  await ring(carol, 'Bob Baker').getByRole('button', { name: 'Decline with message…' }).click();
  await carol.getByLabel('Message to Bob Baker').fill('In a workshop, call you at 3');
  await carol.getByRole('button', { name: 'Send and decline' }).click();
  const yourCall = bob.getByRole('region', { name: 'Your call' });
  await expect(yourCall).toContainText('declined');
  await expect(yourCall).toContainText('In a workshop, call you at 3');
  await expect(ring(carol, 'Bob Baker')).toHaveCount(0);
  await yourCall.getByRole('button', { name: 'Close' }).click();

  // Cancelled by the caller before carol answers (bob is back on People by himself).
  await expect(bob.getByRole('heading', { name: 'People' })).toBeVisible();
  await bob.getByRole('button', { name: 'Audio call Carol Chen' }).click();
  await expect(ring(carol, 'Bob Baker')).toBeVisible();
  await yourCall.getByRole('button', { name: 'Cancel call' }).click();
  await expect(ring(carol, 'Bob Baker')).toHaveCount(0);
  await expect(yourCall).toContainText('cancelled');
  await yourCall.getByRole('button', { name: 'Close' }).click();

  // Do not disturb: no ring; carol's badge counts the missed call; her recent calls show it.
  await openPeople(carol);
  await carol.getByLabel('My status').selectOption('dnd');
  await openPeople(bob);
  await expect(person(bob, 'Carol Chen').getByTestId('presence')).toHaveText('Do not disturb');
  await carol.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Meetings' }).click();
  await bob.getByRole('button', { name: 'Audio call Carol Chen' }).click();
  await expect(yourCall).toContainText('did not answer');
  await expect(carol.getByLabel('1 missed calls')).toBeVisible();
  await expect(ring(carol, 'Bob Baker')).toHaveCount(0);
  await openPeople(carol);
  await expect(carol.getByRole('list', { name: 'Recent calls' }).getByRole('listitem').first()).toContainText(
    'Missed',
  );
  await expect(carol.getByLabel(/missed calls/)).toHaveCount(0);
  await screenshot(carol, 'missed-calls');
  await carol.getByLabel('My status').selectOption('available');
  expectNoPageErrors(bob, carol);
});

test("a colleague's presence changes on People as it happens, pushed, without re-reading the directory", async ({
  browser,
  stack,
}) => {
  test.setTimeout(60_000);
  const bob = await newPage(browser);
  const alice = await newPage(browser);
  await signIn(bob, stack.appUrl, 'bob');
  await openPeople(bob);
  const presence = person(bob, 'Alice Archer').getByTestId('presence');
  await expect(presence).toHaveText('Offline');
  // From here on bob's page must not fetch the directory: every change below is pushed.
  const reads: string[] = [];
  bob.on('request', (r) => {
    if (new URL(r.url()).pathname === '/people') reads.push(r.url());
  });
  const timed = async (change: () => Promise<void>, text: string) => {
    const started = Date.now();
    await change();
    await expect(presence).toHaveText(text, { timeout: 2_000 });
    return Date.now() - started;
  };
  const times = [
    await timed(() => signIn(alice, stack.appUrl, 'alice'), 'Available'),
    await timed(async () => {
      await openPeople(alice);
      await alice.getByLabel('My status').selectOption('dnd');
    }, 'Do not disturb'),
    await timed(async () => {
      await alice.getByLabel('My status').selectOption('available');
    }, 'Available'),
    await timed(() => alice.context().close(), 'Offline'),
  ];
  console.log(
    `presence on bob's People view after alice's change: ${times.join(', ')} ms (each bounded at 2 s)`,
  );
  await screenshot(bob, 'people-presence-pushed');
  expect(reads).toEqual([]);
  expectNoPageErrors(bob);
  await bob.context().close();
});

test('calls show once in History, in its Calls strip with their outcome, and "Call back" rings the colleague again', async ({
  browser,
  stack,
}) => {
  test.setTimeout(120_000);
  const bob = await newPage(browser);
  const carol = await newPage(browser);
  await signIn(bob, stack.appUrl, 'bob');
  await signIn(carol, stack.appUrl, 'carol');
  const leave = async (page: Page) => {
    await page.getByRole('button', { name: 'Leave meeting' }).click();
    await page.getByRole('button', { name: 'Back to meetings' }).click();
  };

  // A meeting in a room of bob's, then a call carol answers: both end up in the records.
  await createRoom(bob, 'Weekly sync');
  await openRoomLobby(bob, 'Weekly sync');
  await joinFromLobby(bob);
  await leave(bob);
  await openPeople(bob);
  await bob.getByRole('button', { name: 'Audio call Carol Chen' }).click();
  await ring(carol, 'Bob Baker').getByRole('button', { name: 'Accept audio only' }).click();
  for (const page of [bob, carol]) {
    await expect(page.locator('.room')).toHaveAttribute('data-status', 'connected');
  }
  await leave(carol);
  await leave(bob);
  // Both records closed (LiveKit reported the rooms finished), so History below has them all.
  const asBob = await call<Session>(stack, 'POST', '/auth/login', {
    username: 'bob',
    password: DEMO_PASSWORD,
  });
  const closed = async () => {
    const { sessions } = await call<CdrPage>(stack, 'GET', '/cdr/sessions', undefined, asBob.accessToken);
    const ended = sessions.filter((s) => s.endedAt !== null);
    return {
      meetings: ended.filter((s) => s.callId === null).map((s) => s.roomTitle),
      calls: ended.some((s) => s.callId !== null),
    };
  };
  await expect.poll(closed, { timeout: 30_000 }).toEqual({ meetings: ['Weekly sync'], calls: true });

  await openPeople(bob);
  await bob.getByRole('button', { name: 'Audio call Carol Chen' }).click();
  await ring(carol, 'Bob Baker').getByRole('button', { name: 'Decline', exact: true }).click();
  const yourCall = bob.getByRole('region', { name: 'Your call' });
  await expect(yourCall).toContainText('declined');
  await yourCall.getByRole('button', { name: 'Close' }).click();

  const openHistory = async (page: Page) => {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'History' }).click();
    await expect(page.getByRole('heading', { name: 'Meeting history' })).toBeVisible();
  };
  await openHistory(bob);
  const bobsCalls = bob.getByRole('list', { name: 'Calls' });
  await expect(bobsCalls.getByRole('listitem').first()).toHaveAccessibleName('Call with Carol Chen');
  await expect(bobsCalls.getByRole('listitem').first()).toContainText('Audio · Declined');
  await expect(bobsCalls.getByRole('listitem').nth(1)).toContainText('Audio · Outgoing · rang');
  // The answered call is in the strip only: the meeting list holds the meeting and no call (the
  // call has no recording or chat to open), and counts it so.
  const meetings = bob.getByRole('feed', { name: 'Past meetings' });
  await expect(meetings.getByRole('article', { name: /^Weekly sync,/ })).toHaveCount(1);
  await expect(meetings.getByRole('article')).toHaveCount(1);
  await expect(bob.getByText('1 of 1 meetings')).toBeVisible();
  await screenshot(bob, 'history-call-and-meeting');
  await openHistory(carol);
  await expect(carol.getByRole('list', { name: 'Calls' }).getByRole('listitem').first()).toContainText(
    'Bob Baker',
  );
  await expect(carol.getByRole('list', { name: 'Calls' }).getByRole('listitem').first()).toContainText(
    'Declined',
  );
  // History's search narrows the calls too.
  await bob.getByRole('searchbox').fill('nobody-by-that-name');
  await expect(bob.getByText('No calls match.')).toBeVisible();
  await bob.getByRole('searchbox').fill('');
  await screenshot(bob, 'history-calls');

  await bobsCalls.getByRole('button', { name: 'Call back Carol Chen' }).first().click();
  await expect(ring(carol, 'Bob Baker')).toBeVisible();
  await expect(yourCall).toContainText('ringing');
  await yourCall.getByRole('button', { name: 'Cancel call' }).click();
  await expect(ring(carol, 'Bob Baker')).toHaveCount(0);
  await yourCall.getByRole('button', { name: 'Close' }).click();

  // People's recent calls are the same cards, "Call back" included.
  await openPeople(bob);
  const recent = bob.getByRole('list', { name: 'Recent calls' });
  await expect(recent.getByRole('listitem').first()).toContainText('Audio · Cancelled');
  await expect(recent.getByRole('listitem').nth(1)).toContainText('Audio · Declined');
  await expect(recent.getByRole('button', { name: 'Call back Carol Chen' }).first()).toBeVisible();
  await screenshot(bob, 'people-recent-calls');

  // More calls than History's strip reads at once (20): "Show older calls" reads the rest.
  const asCarol = await call<Session>(stack, 'POST', '/auth/login', {
    username: 'carol',
    password: DEMO_PASSWORD,
  });
  for (let i = 0; i < 20; i++) {
    const placed = await call<CallView>(
      stack,
      'POST',
      '/calls',
      { callees: [asCarol.user.id], video: false },
      asBob.accessToken,
    );
    await call(stack, 'POST', `/calls/${placed.id}/cancel`, {}, asBob.accessToken);
  }
  const { calls: all } = await call<CallList>(stack, 'GET', '/calls?limit=100', undefined, asBob.accessToken);
  expect(all.length).toBeGreaterThan(20);
  await openHistory(bob);
  await expect(bobsCalls.getByRole('listitem')).toHaveCount(20);
  await screenshot(bob, 'history-calls-first-page');
  await bob.getByRole('button', { name: 'Show older calls' }).click();
  await expect(bobsCalls.getByRole('listitem')).toHaveCount(all.length);
  await expect(bob.getByRole('button', { name: 'Show older calls' })).toHaveCount(0);
  expectNoPageErrors(bob, carol);
  await Promise.all([bob, carol].map((p) => p.context().close()));
});

test('someone in a meeting is rung without sound, and the banner says why', async ({ browser, stack }) => {
  const bob = await newPage(browser);
  const carol = await newPage(browser);
  await signIn(bob, stack.appUrl, 'bob');
  await signIn(carol, stack.appUrl, 'carol');
  await createRoom(carol, 'Focus time');
  await openRoomLobby(carol, 'Focus time');
  await joinFromLobby(carol);
  await openPeople(bob);
  await expect(person(bob, 'Carol Chen').getByTestId('presence')).toHaveText('In a meeting');
  await bob.getByRole('button', { name: 'Audio call Carol Chen' }).click();
  const banner = ring(carol, 'Bob Baker');
  await expect(banner).toBeVisible();
  await expect(banner).toContainText('you are in a meeting');
  await expect(banner).toHaveAttribute('data-silent', 'true');
  // Still silent a moment later: no tone was started.
  await carol.waitForTimeout(500);
  await expect(banner).not.toHaveAttribute('data-tone');
  await screenshot(carol, 'ring-banner-in-meeting');
  await banner.getByRole('button', { name: 'Decline', exact: true }).click();
  await expect(banner).toHaveCount(0);
  expectNoPageErrors(bob, carol);
  await carol.getByRole('button', { name: 'Leave meeting' }).click();
  await Promise.all([bob, carol].map((p) => p.context().close()));
});
