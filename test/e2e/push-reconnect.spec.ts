// The push channel survives a dropped connection. carol's web client reaches the app server
// through a link the test cuts (test/support/cuttable-link.ts): her real sockets are reset, as
// when a laptop's Wi-Fi goes, while the server and bob stay up. Chromium's offline emulation
// (context.setOffline) would not do: it leaves an open WebSocket open and only holds its frames
// back (microsoft/playwright#4910), so nothing would reconnect or resume.
// While she is away bob calls her and changes his status; when the link is back her client
// resumes from the last event id it saw, and shows each missed event once, and no ring that
// already ended.
import type { Browser, Page } from '@playwright/test';
import { openCuttableLink } from '../support/cuttable-link.js';
import { startTestStack, type Stack } from '../support/stack.js';
import { expect, expectNoPageErrors, newPage, test as shared } from './meeting-fixtures.js';
import { openPeople, person, ring, screenshot, signIn } from './meeting-helpers.js';
import { ringedCalls, timesRingShown, watchPush, type PushSocketLog } from './push-frames.js';

// A stack of its own for each test: on the worker's shared one, clients of carol's left by other
// specs (a desktop's push connection in main, a second browser) keep her online when this link
// is cut. Calls ring for 6 s, so that one can go unanswered during the drop.
const test = shared.extend<{ ownStack: Stack }>({
  // eslint-disable-next-line no-empty-pattern -- Playwright requires the destructuring form.
  ownStack: async ({}, use) => {
    const own = await startTestStack({ CONVENE_CALL_RING_TIMEOUT_MS: '6000' }, { seedUsers: true });
    await use(own);
    await own.stop();
  },
});

/** bob on People, and carol on People through a link the test can cut, her push frames watched. */
async function carolBehindLink(browser: Browser, stack: Stack) {
  const link = await openCuttableLink(stack.appUrl);
  const bob = await newPage(browser);
  const carol = await newPage(browser);
  const carolsPush = watchPush(carol);
  await signIn(bob, stack.appUrl, 'bob');
  await signIn(carol, link.url, 'carol');
  await openPeople(carol);
  await openPeople(bob);
  await expect(person(bob, 'Carol Chen').getByTestId('presence')).toHaveText('Available');
  await expect.poll(() => carolsPush[0]?.readyLastId).not.toBeUndefined();
  const first = carolsPush[0] as PushSocketLog;
  /** Cuts her link; resolves once her socket is gone and the server saw it go (bob sees her
   *  offline), with the last event id her client got: where it must resume. */
  const cut = async (): Promise<number> => {
    link.cut();
    await expect.poll(() => first.closed).toBe(true);
    await expect(person(bob, 'Carol Chen').getByTestId('presence')).toHaveText('Offline');
    return first.events.at(-1)?.id ?? first.readyLastId ?? 0;
  };
  const resumed = () => carolsPush.find((s) => s.authenticated && s !== first);
  return { link, bob, carol, carolsPush, first, cut, resumed };
}

/** bob calls carol from People; then cancels, waits until the ring times out, or leaves it. */
async function bobCalls(bob: Page, then: 'cancel' | 'wait' | 'leave ringing'): Promise<void> {
  const yourCall = bob.getByRole('region', { name: 'Your call' });
  await bob.getByRole('button', { name: 'Audio call Carol Chen' }).click();
  await expect(yourCall).toContainText('ringing');
  if (then === 'leave ringing') return;
  if (then === 'cancel') await yourCall.getByRole('button', { name: 'Cancel call' }).click();
  // The test stack rings for 6 s.
  await expect(yourCall).toContainText(then === 'cancel' ? 'cancelled' : 'did not answer', {
    timeout: 15_000,
  });
  await yourCall.getByRole('button', { name: 'Close' }).click();
  await expect(bob.getByRole('heading', { name: 'People' })).toBeVisible();
}

test("carol's push connection drops: what was pushed meanwhile shows once after it is back, resumed from her last event", async ({
  browser,
  ownStack: stack,
}) => {
  test.setTimeout(120_000);
  const {
    link,
    bob,
    carol,
    carolsPush,
    first,
    cut,
    resumed: resumedSocket,
  } = await carolBehindLink(browser, stack);
  const yourCall = bob.getByRole('region', { name: 'Your call' });

  // One call while she is connected, so her cursor stands on events she has seen.
  await bobCalls(bob, 'cancel');
  await expect(ring(carol, 'Bob Baker')).toHaveCount(0);
  await expect.poll(() => first.events.at(-1)?.event?.type).toBe('call.updated');
  const cursor = await cut();

  // While she is away: a call cancelled, one missed, bob's status, and one still ringing.
  await bobCalls(bob, 'cancel');
  await bobCalls(bob, 'wait');
  await bob.getByLabel('My status').selectOption('dnd');
  await bobCalls(bob, 'leave ringing');
  // Her client tried again meanwhile, and waits for the link.
  expect(carolsPush.length).toBeGreaterThanOrEqual(2);
  expect(carolsPush.slice(1).some((s) => s.authenticated)).toBe(false);
  link.restore();

  // The call still ringing rings her now (quickly: it rings for 6 s), once; declining it reaches bob.
  await expect(ring(carol, 'Bob Baker')).toBeVisible();
  await expect(ring(carol, 'Bob Baker')).toHaveCount(1);
  await screenshot(carol, 'push-reconnected-ringing');
  await ring(carol, 'Bob Baker').getByRole('button', { name: 'Decline', exact: true }).click();
  await expect(yourCall).toContainText('declined');
  await expect(ring(carol, 'Bob Baker')).toHaveCount(0);
  await yourCall.getByRole('button', { name: 'Close' }).click();

  await expect(carol.getByLabel('1 missed calls')).toBeVisible();
  await expect(person(carol, 'Bob Baker').getByTestId('presence')).toHaveText('Do not disturb');
  await expect(person(bob, 'Carol Chen').getByTestId('presence')).toHaveText('Available');
  const resumed = resumedSocket();
  if (!resumed) throw new Error('carol did not reconnect');
  // She resumed from her last event: the server replayed only what came after it, in order, once.
  expect(resumed.after).toBe(cursor);
  expect(resumed.readyLastId).toBe(cursor);
  const ids = resumed.events.map((e) => e.id);
  expect(ids).toEqual(ids.map((_, i) => cursor + 1 + i));
  expect(first.events.map((e) => e.id).filter((id) => ids.includes(id))).toEqual([]);
  // Of the three calls rung while she was away, only the one still ringing came on screen, once:
  // the cancelled and the missed one were replayed with their end and never flashed up.
  const rung = ringedCalls(resumed.events);
  expect(rung).toHaveLength(3);
  const [cancelled, missed, ringing] = rung as [string, string, string];
  expect(await timesRingShown(carol, cancelled)).toBe(0);
  expect(await timesRingShown(carol, missed)).toBe(0);
  expect(await timesRingShown(carol, ringing)).toBe(1);

  // Her recent calls list each call once, newest first.
  const recent = carol.getByRole('list', { name: 'Recent calls' }).getByRole('listitem');
  await expect(recent.nth(0)).toContainText('Declined');
  await expect(recent.nth(1)).toContainText('Missed');
  await expect(recent.nth(2)).toContainText('Cancelled');
  await expect(recent.nth(3)).toContainText('Cancelled');
  await screenshot(carol, 'push-reconnected-recent-calls');

  // Leave the shared stack as found: bob available, carol's missed call seen.
  await bob.getByLabel('My status').selectOption('available');
  await expect(person(carol, 'Bob Baker').getByTestId('presence')).toHaveText('Available');
  await carol.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Meetings' }).click();
  await openPeople(carol);
  await expect(carol.getByLabel(/missed calls/)).toHaveCount(0);
  expectNoPageErrors(bob, carol);
  await Promise.all([bob, carol].map((p) => p.context().close()));
  await link.close();
});

test('a call rung and cancelled during a short drop never flashes up on her screen once she is back', async ({
  browser,
  ownStack: stack,
}) => {
  test.setTimeout(60_000);
  const { link, bob, carol, cut, resumed } = await carolBehindLink(browser, stack);
  await cut();
  await bobCalls(bob, 'cancel');
  link.restore();

  // Her client caught up on the ring and its end...
  await expect.poll(() => resumed()?.events.some((e) => e.event?.type === 'call.stopped')).toBe(true);
  const socket = resumed() as PushSocketLog;
  const rung = socket.events.flatMap(({ event }) => (event?.type === 'call.ringing' ? [event.ring] : []));
  expect(rung).toHaveLength(1);
  const [cancelled] = rung as [(typeof rung)[number]];
  // ...while the ring was still within its ring time, so only the end in the same catch-up keeps
  // it off the screen.
  expect(Date.parse(cancelled.expiresAt)).toBeGreaterThan(socket.authAt ?? Infinity);
  // Once the page has handled the catch-up (its recent calls read again), the ring never showed.
  const recent = carol.getByRole('list', { name: 'Recent calls' }).getByRole('listitem');
  await expect(recent.nth(0)).toContainText('Cancelled');
  expect(await timesRingShown(carol, cancelled.callId)).toBe(0);
  await expect(ring(carol, 'Bob Baker')).toHaveCount(0);
  expectNoPageErrors(bob, carol);
  await Promise.all([bob, carol].map((p) => p.context().close()));
  await link.close();
});
