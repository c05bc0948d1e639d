// A call shows once in the desktop's History: in the Calls strip, and in the meeting list only
// when it has something to open. Carol (desktop renderer, real main-process services with the
// local meeting log) takes two calls from Bob (web client); in the first Bob writes in the chat.
// Her meeting list then holds the first call, tagged "Call", and not the second; the first call's
// card opens that row with its chat. Real app server, LiveKit and CDR from LiveKit's webhooks.
import type { Page } from '@playwright/test';
import { startHarness } from '../electron/support/desktop-harness.js';
import { bindDesktop, emitter } from './desktop-binding.js';
import { expect, expectNoPageErrors, newPage, test } from './meeting-fixtures.js';
import { openPeople, person, screenshot, signIn } from './meeting-helpers.js';

test('a call with chat is in the meeting list as a call, one without is only in the Calls strip', async ({
  desktopRenderer: renderer,
  browser,
  stack,
}) => {
  test.setTimeout(120_000);
  let carol: Page | undefined = undefined;
  const harness = await startHarness({ keytar: undefined, emit: emitter(() => carol) });
  await harness.services.handlers['auth.signIn']({
    serverUrl: stack.appUrl,
    username: 'carol',
    password: 'convene-demo',
  });
  carol = await newPage(browser);
  await bindDesktop(carol, harness, renderer.origin);
  await carol.goto(`${renderer.origin}/`);
  await expect(carol.getByRole('heading', { name: /Good to see you/ })).toBeVisible();
  const bob = await newPage(browser);
  await signIn(bob, stack.appUrl, 'bob');
  await openPeople(bob);
  // Carol's desktop is on the push channel (her presence comes from it).
  await expect(person(bob, 'Carol Chen').getByTestId('presence')).toHaveText('Available');

  const callAndLeave = async (chat?: string) => {
    await bob.getByRole('button', { name: 'Audio call Carol Chen' }).click();
    const banner = carol.getByRole('alertdialog', { name: 'Bob Baker is calling' });
    await banner.getByRole('button', { name: 'Accept audio only' }).click();
    for (const page of [bob, carol]) {
      await expect(page.locator('.room')).toHaveAttribute('data-status', 'connected');
    }
    if (chat) {
      await bob.getByRole('button', { name: 'Open chat' }).click();
      await bob.getByLabel('Chat message').fill(chat);
      await bob.getByRole('button', { name: 'Send message' }).click();
      await expect(carol.getByLabel('1 unread')).toBeVisible();
    }
    const leave = async (page: Page) => {
      await page.getByRole('button', { name: 'Leave meeting' }).click();
      await page.getByRole('button', { name: 'Back to meetings' }).click();
    };
    await leave(bob);
    await leave(carol);
    await bob
      .getByRole('navigation', { name: 'Main' })
      .getByRole('button', { name: /^People/ })
      .click();
  };
  await callAndLeave('Notes are in the doc');
  await callAndLeave();
  // Both calls' records closed, so the list below is complete.
  await expect
    .poll(
      async () =>
        (await harness.services.api('cdr.list')).sessions.filter((s) => s.callId !== null && s.endedAt)
          .length,
      { timeout: 30_000 },
    )
    .toBe(2);

  await carol.getByRole('button', { name: 'History', exact: true }).click();
  const calls = carol.getByRole('list', { name: 'Calls' });
  await expect(calls.getByRole('listitem')).toHaveCount(2);
  const meetings = carol.getByRole('feed', { name: 'Past meetings' });
  const callRow = meetings.getByRole('article', { name: /^Call: Bob Baker, Carol Chen,/ });
  await expect(meetings.getByRole('article')).toHaveCount(1);
  await expect(callRow.getByText('Call', { exact: true })).toBeVisible();
  // The newer call has nothing more to open; the older one's card opens its row, with the chat.
  await expect(
    calls
      .getByRole('listitem')
      .first()
      .getByRole('button', { name: /^Details/ }),
  ).toHaveCount(0);
  await calls
    .getByRole('listitem')
    .nth(1)
    .getByRole('button', { name: 'Details of the call with Bob Baker' })
    .click();
  await expect(callRow.getByRole('button', { expanded: true })).toBeVisible();
  await expect(callRow.getByText('Notes are in the doc')).toBeVisible();
  await screenshot(carol, 'history-call-with-chat');
  expectNoPageErrors(bob, carol);
  harness.services.dispose();
  await Promise.all([bob, carol].map((p) => p.context().close()));
});
