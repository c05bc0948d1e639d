// Host controls through the web client and the real app server: mute one participant, remove
// them, and see the participant list follow when someone leaves.
import { expect, expectNoPageErrors, newPage, test } from './meeting-fixtures.js';
import { createRoom, inviteLink, joinFromLobby, openRoomLobby, signIn, tileOf } from './meeting-helpers.js';

test('the host mutes and removes a participant; leaving updates the participant list', async ({
  browser,
  stack,
}) => {
  // About 30 s on an idle machine; generous because CI machines may be shared and loaded.
  test.setTimeout(150_000);
  const host = await newPage(browser);
  await signIn(host, stack.appUrl, 'alice');
  await createRoom(host, 'Town hall');
  const link = await inviteLink(host, 'Town hall');
  await openRoomLobby(host, 'Town hall');
  await joinFromLobby(host);

  const join = async (username: string) => {
    const page = await newPage(browser);
    await signIn(page, stack.appUrl, username);
    await page.getByLabel('Invite link or room code').fill(link);
    await page.getByRole('button', { name: 'Continue' }).click();
    await joinFromLobby(page);
    return page;
  };
  const bob = await join('bob');
  const carol = await join('carol');

  await host.getByRole('button', { name: 'Open participants' }).click();
  const people = host.getByRole('list', { name: 'In the meeting' });
  await expect(people.getByRole('listitem')).toHaveCount(3);

  // Mute: Bob's own controls and everyone's view of him follow the server-side mute.
  await expect(bob.getByRole('button', { name: 'Mute microphone' })).toBeVisible();
  await host.getByRole('button', { name: 'Mute Bob Baker' }).click();
  await expect(bob.getByRole('button', { name: 'Unmute microphone' })).toBeVisible();
  await expect(tileOf(carol, 'Bob Baker')).toHaveAttribute('data-mic-muted', 'true');

  // Remove: Bob is told, and the others' lists drop him.
  await host.getByRole('button', { name: 'Remove Bob Baker' }).click();
  await expect(bob.getByText('The host removed you from the meeting.')).toBeVisible();
  // The removed participant may not rejoin (no Rejoin button) and can sign out from home.
  await expect(bob.getByRole('button', { name: 'Rejoin' })).toHaveCount(0);
  await bob.getByRole('button', { name: 'Back to meetings' }).click();
  const logout = bob.waitForResponse((res) => res.url().endsWith('/auth/logout'));
  await bob.getByRole('button', { name: 'Sign out' }).click();
  expect((await logout).status()).toBe(204);
  await expect(bob.getByRole('button', { name: 'Sign in' })).toBeVisible();
  await expect(people.getByRole('listitem')).toHaveCount(2);
  await expect(tileOf(carol, 'Bob Baker')).toHaveCount(0);

  // Leave: Carol leaves by herself; the host's list follows.
  await carol.getByRole('button', { name: 'Leave meeting' }).click();
  await expect(people.getByRole('listitem')).toHaveCount(1);
  await expect(host.getByText('1 in the meeting')).toBeVisible();

  expectNoPageErrors(host, bob, carol);
  await Promise.all([host, bob, carol].map((page) => page.context().close()));
});
