// The update banner and the About & diagnostics view in the real renderer, with the real
// main-process services bound in (as in desktop-flow.spec.ts), a real policy file, the real app
// server and LiveKit. electron-updater cannot run outside Electron: its events are replayed into
// the real UpdateController as the adapter would deliver them (a stand-in, named as such), and
// "installing" is a recorded call instead of a restart.
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { aesGcmStandInForSafeStorage } from '../electron/support/aes-gcm-encryption.js';
import { startHarness } from '../electron/support/desktop-harness.js';
import { bindDesktop, emitter } from './desktop-binding.js';
import { screenshot } from './meeting-helpers.js';
import { expect, test } from './meeting-fixtures.js';

const useKeychain = process.env.CONVENE_KEYRING === 'ready';

test('update banner states and the About & diagnostics view', async ({
  desktopRenderer: renderer,
  browser,
  stack,
}) => {
  test.setTimeout(90_000);
  const dir = await mkdtemp(join(tmpdir(), 'convene-it-e2e-'));
  const policyPath = join(dir, 'policy.json');
  await writeFile(
    policyPath,
    JSON.stringify({
      serverUrl: stack.appUrl,
      lockServerUrl: true,
      updateDeferralDays: 7,
      allowedDeepLinkHosts: ['meet.corp.example'],
      Recommended: { updateChannel: 'beta', recordingFolder: '/srv/recordings' },
    }),
  );
  let page: Page | undefined = undefined;
  const harness = await startHarness({
    policyPath,
    emit: emitter(() => page),
    ...(useKeychain ? {} : { keytar: undefined, encryption: aesGcmStandInForSafeStorage() }),
  });
  const context = await browser.newContext({
    viewport: { width: 1280, height: 800 },
    permissions: ['camera', 'microphone', 'clipboard-read', 'clipboard-write'],
  });
  page = await context.newPage();
  await bindDesktop(page, harness, renderer.origin);
  await page.goto(`${renderer.origin}/`);

  // The server comes from IT's policy and is locked.
  await expect(page.getByLabel('Server')).toHaveValue(stack.appUrl);
  await page.getByLabel('Username').fill('alice');
  await page.getByLabel('Password').fill('convene-demo');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('heading', { name: /Good to see you/ })).toBeVisible();

  // Stand-in for electron-updater's events, delivered to the real controller.
  const updates = harness.services.updates;
  let installs = 0;
  const banner = page.getByRole('status', { name: 'App update' });
  updates.available('1.4.0');
  await expect(banner).toContainText('Convene 1.4.0 is available');
  await screenshot(page, 'update-available');
  updates.progress('1.4.0', 42.4);
  await expect(banner).toContainText('Downloading Convene 1.4.0… 42 %');
  await screenshot(page, 'update-downloading');
  updates.downloaded('1.4.0', () => installs++);
  await expect(banner.getByRole('button', { name: 'Restart now' })).toBeVisible();
  await screenshot(page, 'update-ready');
  await banner.getByRole('button', { name: 'Later' }).click();
  await expect(banner).toBeHidden();

  // In a meeting, the only offer is to restart after it; leaving the meeting installs.
  await page.getByLabel('Title').fill('Update during a call');
  await page.getByRole('button', { name: 'Create room' }).click();
  await page.getByRole('button', { name: 'Join Update during a call' }).click();
  await page.getByRole('button', { name: 'Join now' }).click();
  await expect(page.getByRole('toolbar', { name: 'Meeting controls' })).toBeVisible();
  await expect.poll(() => harness.services.meeting.get().inMeeting).toBe(true);
  updates.downloaded('1.4.1', () => installs++);
  await expect(banner.getByRole('button', { name: 'Restart after the meeting' })).toBeVisible();
  await expect(banner.getByRole('button', { name: 'Restart now' })).toHaveCount(0);
  await screenshot(page, 'update-ready-in-meeting');
  await expect(page.evaluate(() => window.convene!.invoke('update.restartNow'))).resolves.toMatchObject({
    ok: false,
    error: { code: 'IN_MEETING' },
  });
  await banner.getByRole('button', { name: 'Restart after the meeting' }).click();
  await expect(banner).toContainText('installs when this meeting ends');
  expect(installs).toBe(0);
  await page.getByRole('button', { name: 'Leave meeting' }).click();
  await expect.poll(() => installs).toBe(1);
  await page.getByRole('button', { name: 'Back to meetings' }).click();

  // About & diagnostics, reachable from the header.
  await page.getByRole('button', { name: 'About' }).click();
  await expect(page.getByRole('heading', { name: 'About Convene' })).toBeVisible();
  const table = page.getByRole('table', { name: 'Policy in force' });
  await expect(table.getByRole('row', { name: /serverUrl/ })).toContainText('enforced');
  await expect(table.getByRole('row', { name: /updateChannel/ })).toContainText('policy-default');
  await expect(table.getByRole('row', { name: /hardwareAcceleration/ })).toContainText('built-in');
  await expect(page.getByText(`Policy from`)).toBeVisible();
  await screenshot(page, 'about-diagnostics');
  await page.getByRole('button', { name: 'Copy diagnostics' }).click();
  await expect(page.getByRole('button', { name: 'Copied' })).toBeVisible();
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  expect(copied).toContain(`serverUrl = "${stack.appUrl}" [enforced: ${policyPath}]`);
  expect(copied).toContain('LiveKit: ws');
  const refreshToken = await harness.services.credentials.get(`${stack.appUrl}|alice`);
  const { accessToken } = await harness.services.auth.current();
  expect(refreshToken).toBeTruthy();
  expect(copied).not.toContain(refreshToken);
  expect(copied).not.toContain(accessToken);
  expect(copied).not.toContain('convene-demo');

  await harness.services.handlers['auth.signOut'](undefined);
  harness.services.dispose();
  await context.close();
});

test('files that could not be read at start are said on Home, each once, and can be dismissed', async ({
  desktopRenderer: renderer,
  browser,
  stack,
}) => {
  const userDataDir = await mkdtemp(join(tmpdir(), 'convene-it-e2e-'));
  // Cut off mid-write, as a power loss would leave them (atomic writes make this rare).
  await writeFile(join(userDataDir, 'settings.json'), '{"serverUrl": "http');
  await writeFile(join(userDataDir, 'meetings.json'), '{"version": 1, "meetings": [{"id"');
  await writeFile(join(userDataDir, 'recordings.json'), '{"version": 2}');
  const harness = await startHarness({
    userDataDir,
    keytar: undefined,
    encryption: aesGcmStandInForSafeStorage(),
  });
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  await bindDesktop(page, harness, renderer.origin);
  await page.goto(`${renderer.origin}/`);
  await page.getByLabel('Server').fill(stack.appUrl);
  await page.getByLabel('Username').fill('alice');
  await page.getByLabel('Password').fill('convene-demo');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('heading', { name: /Good to see you/ })).toBeVisible();
  const warnings = page.getByRole('alert');
  await expect(warnings).toHaveCount(3);
  await expect(warnings.nth(0)).toContainText(
    /Your settings file could not be read .*settings\.json\.corrupt-/,
  );
  await expect(warnings.nth(1)).toContainText(/local meeting history could not be read/);
  await expect(warnings.nth(2)).toContainText(/recording index could not be read.*untouched/);
  await screenshot(page, 'home-startup-warnings');
  await warnings.nth(1).getByRole('button', { name: 'Dismiss' }).click();
  await expect(warnings).toHaveCount(2);
  harness.services.dispose();
});
