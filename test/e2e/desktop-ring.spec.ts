// A call rings a desktop whose window is closed: main keeps the push channel and the ring; the
// window the ring opens (here: a page opened after the ring arrived) shows the banner at once,
// ringing out loud, and answering takes the callee into the call. The real renderer with the
// real main-process services bound in, the real app server and LiveKit. The Electron ring window
// and OS notification are a STAND-IN RingPort (adapters/ring-window.ts needs Electron's binary).
import type { RingPort } from '../../electron/services/ring-controller.js';
import { startHarness } from '../electron/support/desktop-harness.js';
import { bindDesktop } from './desktop-binding.js';
import { expect, expectNoPageErrors, newPage, test } from './meeting-fixtures.js';
import { openPeople, screenshot, signIn } from './meeting-helpers.js';

test('a ring that arrives with the window closed shows in the window it opens, and can be answered', async ({
  desktopRenderer: renderer,
  browser,
  stack,
}) => {
  const shown: string[] = [];
  const ringPort: RingPort = {
    show: (r) => shown.push(r.callId),
    hide: () => undefined,
    setRinging: () => undefined,
  };
  const harness = await startHarness({ ring: ringPort, keytar: undefined });
  await harness.services.handlers['auth.signIn']({
    serverUrl: stack.appUrl,
    username: 'carol',
    password: 'convene-demo',
  });
  await expect.poll(() => harness.events.some((e) => e.event === 'push.status')).toBe(true);

  const bob = await newPage(browser);
  await signIn(bob, stack.appUrl, 'bob');
  await openPeople(bob);
  await bob.getByRole('button', { name: 'Video call Carol Chen' }).click();
  await expect.poll(() => shown.length).toBe(1);

  // Only now does carol's window open.
  const context = await browser.newContext({
    viewport: { width: 1280, height: 800 },
    permissions: ['camera', 'microphone'],
  });
  const carol = await context.newPage();
  await bindDesktop(carol, harness, renderer.origin);
  await carol.goto(`${renderer.origin}/`);
  const banner = carol.getByRole('alertdialog', { name: 'Bob Baker is calling' });
  await expect(banner).toBeVisible();
  await expect(banner).toHaveAttribute('data-tone', 'playing');
  await screenshot(carol, 'desktop-ring-after-window-opened');
  await banner.getByRole('button', { name: 'Accept audio only' }).click();
  await expect(carol.getByRole('toolbar', { name: 'Meeting controls' })).toBeVisible();
  await expect(bob.getByRole('toolbar', { name: 'Meeting controls' })).toBeVisible();
  expectNoPageErrors(bob, carol);
  harness.services.dispose();
  await Promise.all([bob, carol].map((p) => p.context().close()));
});
