// The real renderer in Chromium with the real main-process services bound in as window.convene,
// through the same contract and the same dispatch (origin check + argument validation) as the
// desktop app: sign in → meeting link → join → share screen → picker → tray commands → sign
// out, against the real app server and LiveKit. Only Electron's IPC transport is replaced, by
// Playwright's exposeBinding (and Chromium's own getDisplayMedia stands in for Electron's).
import type { Page } from '@playwright/test';
import { DeepLinkRouter } from '../../electron/services/deep-link-router.js';
import { createLogger } from '../../electron/services/logger.js';
import { aesGcmStandInForSafeStorage } from '../electron/support/aes-gcm-encryption.js';
import { postJson, STAND_IN_SOURCES, startHarness } from '../electron/support/desktop-harness.js';
import { bindDesktop, emitter } from './desktop-binding.js';
import { expect, test } from './meeting-fixtures.js';

// A throwaway keyring only exists under scripts/with-keyring.sh; never touch a developer's own.
const useKeychain = process.env.CONVENE_KEYRING === 'ready';

test('desktop flow: sign in, meeting link, join, share screen, picker, tray, sign out', async ({
  desktopRenderer: renderer,
  browser,
  stack,
}) => {
  test.setTimeout(90_000);
  let page: Page | undefined = undefined;
  const harness = await startHarness({
    emit: emitter(() => page),
    ...(useKeychain ? {} : { keytar: undefined, encryption: aesGcmStandInForSafeStorage() }),
  });
  console.log(`desktop flow: refresh token in ${harness.services.auth.status().credentialStore}`);
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  page = await context.newPage();
  await bindDesktop(page, harness, renderer.origin);
  await page.goto(`${renderer.origin}/`);

  // Sign in through the renderer's own form; the password goes to main, the token stays there.
  await page.getByLabel('Server').fill(stack.appUrl);
  await page.getByLabel('Username').fill('alice');
  await page.getByLabel('Password').fill('convene-demo');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('heading', { name: /Good to see you/ })).toBeVisible();
  const account = `${stack.appUrl}|alice`;
  const refreshToken = await harness.services.credentials.get(account);
  expect(refreshToken).toEqual(expect.any(String));
  expect(await page.evaluate(() => JSON.stringify(localStorage) + document.cookie)).not.toContain(
    refreshToken,
  );

  // Create a room and join it.
  await page.getByLabel('Title').fill('Desktop flow');
  await page.getByRole('button', { name: 'Create room' }).click();
  await expect(page.getByRole('button', { name: 'Join Desktop flow' })).toBeVisible();

  // Open the room from a meeting link, as the OS hands convene:// links to the app.
  const { rooms } = await harness.services.api('rooms.list');
  const slug = rooms.find((r) => r.title === 'Desktop flow')?.slug ?? '';
  const links = new DeepLinkRouter({
    policy: harness.services.policy,
    currentServerUrl: harness.services.currentServerUrl,
    emit: emitter(() => page),
    show: () => undefined,
    log: createLogger({ write: () => undefined }, 'e2e-links'),
  });
  links.markReady();
  links.handle(`convene://join/${slug}`);
  await page.getByRole('button', { name: 'Join now' }).click();
  await expect(page.getByRole('toolbar', { name: 'Meeting controls' })).toBeVisible();
  await expect.poll(() => harness.services.meeting.get().inMeeting).toBe(true);

  // Share the screen; main learns it (for the tray) through meeting.state.
  await page.getByRole('button', { name: 'Share screen' }).click();
  await expect(page.getByRole('button', { name: 'Stop sharing screen' })).toBeVisible();
  await expect.poll(() => harness.services.meeting.get().sharing).toBe(true);

  // Tray commands travel main → renderer and change the meeting.
  const micBefore = harness.services.meeting.get().muted;
  harness.events.length = 0;
  emitter(() => page)('tray.command', 'toggle-mute');
  await expect.poll(() => harness.services.meeting.get().muted).toBe(!micBefore);
  emitter(() => page)('tray.command', 'stop-sharing');
  await expect.poll(() => harness.services.meeting.get().sharing).toBe(false);

  // The app's own screen picker, as the display-media handler drives it: main asks, the
  // renderer shows the sources, the user picks one (or cancels).
  const picked = harness.services.picker.request();
  const dialog = page.getByRole('dialog', { name: 'Choose what to share' });
  await expect(dialog).toBeVisible();
  await dialog.getByRole('button', { name: 'Share Slides' }).click();
  expect(await picked).toEqual({ source: STAND_IN_SOURCES[1], audio: false });
  await expect(dialog).toBeHidden();
  const cancelled = harness.services.picker.request();
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  expect(await cancelled).toBeNull();

  // Leave, then sign out: the stored token is gone and the server refuses it.
  await page.getByRole('button', { name: 'Leave meeting' }).click();
  await expect.poll(() => harness.services.meeting.get().inMeeting).toBe(false);
  await page.getByRole('button', { name: 'Back to meetings' }).click();
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page.getByRole('heading', { name: 'Sign in to Convene' })).toBeVisible();
  expect(await harness.services.credentials.get(account)).toBeNull();
  expect((await postJson(`${stack.appUrl}/auth/refresh`, { refreshToken })).status).toBe(401);
  harness.services.dispose();
  await context.close();
});
