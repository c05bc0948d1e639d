// Guests open an invite link in the web client (no desktop app, no account) and wait in the
// waiting room until the host decides: one is admitted into the meeting, one is turned away;
// then the host locks the meeting against newcomers and ends it for everyone.
import { expect, expectNoPageErrors, newPage, test } from './meeting-fixtures.js';
import {
  createRoom,
  inviteLink,
  joinFromLobby,
  openRoomLobby,
  screenshot,
  signIn,
  tileOf,
} from './meeting-helpers.js';

test('a guest with an invite link waits until admitted; a denied or locked-out guest is told; the host ends the meeting', async ({
  browser,
  stack,
}) => {
  // About 30 s on an idle machine; generous because CI machines may be shared and loaded.
  test.setTimeout(150_000);
  const host = await newPage(browser);
  await signIn(host, stack.appUrl, 'carol');
  await createRoom(host, 'Customer call', true);
  const link = await inviteLink(host, 'Customer call');
  expect(new URL(link).origin).toBe(stack.appUrl);
  await openRoomLobby(host, 'Customer call');
  await joinFromLobby(host);

  // The guest opens the link in a fresh browser: the web client asks only for a name.
  const guest = await newPage(browser);
  await guest.goto(link);
  await guest.getByLabel('Your name').fill('Dana Guest');
  await guest.getByRole('button', { name: 'Join now' }).click();
  await expect(guest.getByRole('heading', { name: 'Waiting for the host to let you in' })).toBeVisible();
  await screenshot(guest, 'waiting-room');

  // The host sees the request in the participants panel and admits the guest.
  await host.getByRole('button', { name: 'Open participants' }).click();
  await host.getByRole('button', { name: 'Admit Dana Guest' }).click();
  await expect(guest.getByRole('toolbar', { name: 'Meeting controls' })).toBeVisible();
  await expect(tileOf(host, 'Dana Guest')).toBeVisible();
  await expect(tileOf(guest, 'Carol Chen')).toBeVisible();
  // A guest from outside cannot record the company's meeting, and is told why before trying.
  const record = guest.getByRole('button', { name: 'Guests cannot record' });
  await expect(record).toHaveAttribute('aria-disabled', 'true');
  await record.click({ force: true });
  await expect(
    guest.getByText('Guests cannot record meetings. Ask the host if you need a recording.'),
  ).toBeVisible();
  await expect(host.getByRole('status', { name: 'Recording notice' })).toBeHidden();
  await screenshot(host, 'participants-panel');

  // A second guest is denied and is told so.
  const denied = await newPage(browser);
  await denied.goto(link);
  await denied.getByLabel('Your name').fill('Eve Unknown');
  await denied.getByRole('button', { name: 'Join now' }).click();
  await expect(denied.getByRole('heading', { name: 'Waiting for the host to let you in' })).toBeVisible();
  await host.getByRole('button', { name: 'Deny Eve Unknown' }).click();
  await expect(denied.getByText('The host declined your request to join.')).toBeVisible();
  await expect(tileOf(host, 'Eve Unknown')).toHaveCount(0);

  // The host locks the meeting: a newcomer is refused with the server's reason.
  await host.getByRole('button', { name: 'Lock' }).click();
  await expect(host.getByText('Locked', { exact: true })).toBeVisible();
  await denied.goto(link);
  await denied.getByLabel('Your name').fill('Eve Unknown');
  await denied.getByRole('button', { name: 'Join now' }).click();
  await expect(denied.getByRole('alert')).toContainText('locked');

  // The host ends the meeting for everyone; the guest is told.
  await host.getByRole('button', { name: 'End for everyone' }).click();
  await expect(guest.getByText('The host ended the meeting for everyone.')).toBeVisible();

  expectNoPageErrors(host, guest, denied);
  await Promise.all([host, guest, denied].map((page) => page.context().close()));
});
