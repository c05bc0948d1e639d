// Steps the recording and history tests share: Alice in the desktop renderer with the real
// main-process services bound in, Bob in the web client, both in the room Alice creates.
import type { Browser, Page } from '@playwright/test';
import type { Harness } from '../electron/support/desktop-harness.js';
import { bindDesktop } from './desktop-binding.js';
import { newPage } from './meeting-fixtures.js';
import { joinFromLobby, signIn } from './meeting-helpers.js';

/** Alice in the desktop renderer: signed in, in the room `title` she creates. */
export async function desktopAlice(
  browser: Browser,
  harness: Harness,
  rendererOrigin: string,
  appUrl: string,
  title: string,
): Promise<Page> {
  const context = await browser.newContext({
    viewport: { width: 1280, height: 800 },
    permissions: ['camera', 'microphone'],
  });
  const current = await context.newPage();
  await bindDesktop(current, harness, rendererOrigin);
  await current.goto(`${rendererOrigin}/`);
  await current.getByLabel('Server').fill(appUrl);
  await current.getByLabel('Username').fill('alice');
  await current.getByLabel('Password').fill('convene-demo');
  await current.getByRole('button', { name: 'Sign in' }).click();
  await current.getByLabel('Title').fill(title);
  await current.getByRole('button', { name: 'Create room' }).click();
  await current.getByRole('button', { name: `Join ${title}` }).click();
  await joinFromLobby(current);
  return current;
}

export async function webBob(browser: Browser, appUrl: string, slug: string): Promise<Page> {
  const bob = await newPage(browser);
  await signIn(bob, appUrl, 'bob');
  await bob.getByLabel('Invite link or room code').fill(slug);
  await bob.getByRole('button', { name: 'Continue' }).click();
  await joinFromLobby(bob);
  return bob;
}

export async function slugOf(harness: Harness, title: string): Promise<string> {
  const { rooms } = await harness.services.api('rooms.list');
  return rooms.find((r) => r.title === title)?.slug ?? '';
}
