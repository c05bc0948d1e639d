// The desktop's own ring window: a colleague's call rings it with the app window closed; the
// ring page (ring.html, the real renderer) shows the caller, Accept with video answers through
// main on the app server and the app window main opens joins the call room with the camera on.
// Declining with a message from the ring page reaches the caller; the card goes when the caller
// cancels; the app window never rings a second time. The real main-process services (ring
// controller, ring answers, backend client, push channel) are bound into both pages, against the
// real app server and LiveKit. Only Electron's BrowserWindows are a STAND-IN (they need the
// Electron binary): StandInRingWindow opens the ring page as its own Chromium page, sized as
// adapters/ring-window.ts sizes the window, and "opens the app window" as a second page.
import type { Browser, Page } from '@playwright/test';
import type { Session } from '../../common/api.js';
import type { CallView } from '../../common/calls.js';
import type { EventName, Events } from '../../electron/contract.js';
import type { RingPort } from '../../electron/services/ring-controller.js';
import { RING_WINDOW, ringWindowHeight } from '../../electron/services/ring-placement.js';
import { startHarness, type Harness } from '../electron/support/desktop-harness.js';
import { bindDesktop, emitter } from './desktop-binding.js';
import { call } from './fixtures.js';
import { startTestStack, type Stack } from '../support/stack.js';
import { expect, expectNoPageErrors, newPage, test as shared } from './meeting-fixtures.js';
import {
  DEMO_PASSWORD,
  framesIn,
  openPeople,
  person,
  ring,
  screenshot,
  signIn,
  tileOf,
} from './meeting-helpers.js';

// A stack of its own for each test, where calls ring for the real 30 s: the shared stack's
// shorter rings can run out on a busy machine while a test walks through two cards and the
// decline form, and presence left by other specs (carol "in a meeting") would silence them.
const test = shared.extend<{ ownStack: Stack }>({
  // eslint-disable-next-line no-empty-pattern -- Playwright requires the destructuring form.
  ownStack: async ({}, use) => {
    const own = await startTestStack({ CONVENE_CALL_RING_TIMEOUT_MS: '30000' }, { seedUsers: true });
    await use(own);
    await own.stop();
  },
});

/** STAND-IN for the two Electron BrowserWindows: Chromium pages bound to the same services. */
class StandInRingWindow implements RingPort {
  readonly hasWindow = true;
  ringPage: Page | undefined;
  appPage: Page | undefined;
  /** Whether the ring window is on screen (show → true, last hide → false). */
  visible = false;
  #rings = new Set<string>();
  #opening: Promise<Page> | undefined;
  #appOpening: Promise<Page> | undefined;
  #resizing = Promise.resolve();
  /** The page's measured height (ring.fit), forgotten when the rings change, as in the adapter. */
  #contentHeight: number | undefined;
  harness!: Harness;

  constructor(
    private readonly browser: Browser,
    private readonly origin: string,
  ) {}

  /** main.ts's emit: every event to both windows. */
  readonly emit = <E extends EventName>(event: E, payload: Events[E]) => {
    emitter(() => this.ringPage)(event, payload);
    emitter(() => this.appPage)(event, payload);
  };

  /** Signed in: the adapter creates the window hidden, so the first ring costs no page load. */
  prepare(): void {
    this.#ensure();
  }

  /** When main's ring controller showed each call (wall clock), for the ring time's breakdown. */
  readonly shownAt = new Map<string, number>();

  show(ring: { callId: string }): void {
    this.shownAt.set(ring.callId, Date.now());
    this.#rings.add(ring.callId);
    this.#contentHeight = undefined;
    this.visible = true;
    this.#ensure();
    void this.#resize();
  }

  /** The page measured its cards: the window takes that height. */
  fit(height: number): void {
    this.#contentHeight = height;
    if (this.#rings.size > 0) void this.#resize();
  }

  /** The user closed the ring window (Alt+F4): the next ring creates it again. */
  async close(): Promise<void> {
    const page = await this.#opening;
    this.#opening = undefined;
    this.ringPage = undefined;
    await page?.context().close();
  }

  #ensure(): void {
    this.#opening ??= this.#openPage('ring.html', {
      width: RING_WINDOW.width,
      height: ringWindowHeight(1),
    }).then((page) => (this.ringPage = page));
  }

  hide(callId: string): void {
    this.#rings.delete(callId);
    this.#contentHeight = undefined;
    if (this.#rings.size === 0) this.visible = false;
    else void this.#resize();
  }

  setRinging(): void {}

  openApp(): void {
    this.#appOpening ??= this.#openPage('', { width: 1280, height: 800 }).then(
      (page) => (this.appPage = page),
    );
  }

  /** The app window, opened before any ring (the user had it open). */
  async openAppNow(): Promise<Page> {
    this.openApp();
    return (await this.#appOpening)!;
  }

  async ringWindow(): Promise<Page> {
    await expect.poll(() => this.#opening !== undefined).toBe(true);
    return (await this.#opening)!;
  }

  async appWindow(): Promise<Page> {
    await expect.poll(() => this.#appOpening !== undefined).toBe(true);
    return (await this.#appOpening)!;
  }

  /** setBounds, one after the other (Electron's is synchronous), to the rings at that moment. */
  #resize(): Promise<void> {
    this.#resizing = this.#resizing.then(async () => {
      const page = await this.#opening;
      const height = this.#contentHeight ?? ringWindowHeight(this.#rings.size);
      await page?.setViewportSize({ width: RING_WINDOW.width, height });
    });
    return this.#resizing;
  }

  async #openPage(path: string, viewport: { width: number; height: number }): Promise<Page> {
    const page = await newPage(this.browser);
    await page.setViewportSize(viewport);
    await bindDesktop(page, this.harness, this.origin);
    await page.goto(`${this.origin}/${path}`);
    return page;
  }
}

async function carolOnDesktop(browser: Browser, origin: string, appUrl: string) {
  const window = new StandInRingWindow(browser, origin);
  const harness = await startHarness({ ring: window, emit: window.emit, keytar: undefined });
  window.harness = harness;
  await harness.services.handlers['auth.signIn']({
    serverUrl: appUrl,
    username: 'carol',
    password: DEMO_PASSWORD,
  });
  return { window, harness, carolId: harness.services.auth.status().user?.id ?? '' };
}

/** From the call's creation on the app server (its createdAt) to the card on the ring page
 *  (RingBanner marks when it is on screen), with when main's ring controller showed it. */
async function printRingTime(what: string, ringPage: Page, harness: Harness, window: StandInRingWindow) {
  const callId = harness.services.rings?.ringing.at(-1)?.callId ?? '';
  const shownAt = await ringPage.evaluate(
    (id) =>
      (performance.getEntriesByName(`convene:ring-shown:${id}`)[0] as PerformanceMark | undefined)?.detail,
    callId,
  );
  expect(typeof shownAt).toBe('number');
  const created = Date.parse((await harness.services.api('calls.get', { params: { id: callId } })).createdAt);
  const ms = (shownAt as number) - created;
  const inMain = (window.shownAt.get(callId) ?? NaN) - created;
  console.log(
    `${what}: call created on the server → card on the ring page in ${ms} ms (main rang at ${inMain} ms)`,
  );
  return ms;
}

/** Nothing in the ring page is cut off: its content fits the window (no scrolling needed). */
async function fitsWindow(page: Page): Promise<boolean> {
  return page.locator('main.rings').evaluate((el) => el.scrollHeight <= el.clientHeight + 1);
}

/** The height the page's cards take, with its padding: what the window should be. */
function cardsHeight(page: Page): Promise<number> {
  return page
    .locator('main.rings > .stack')
    .evaluate((el) => Math.ceil((el as HTMLElement).offsetHeight + 20));
}

test('the ring window shows a call with the app window closed; Accept with video answers and the app window joins with the camera', async ({
  desktopRenderer: renderer,
  browser,
  ownStack: stack,
}) => {
  test.setTimeout(120_000);
  const { window, harness } = await carolOnDesktop(browser, renderer.origin, stack.appUrl);
  const bob = await newPage(browser);
  await signIn(bob, stack.appUrl, 'bob');
  await openPeople(bob);
  // Carol's desktop is on the push channel (main's, with no window open).
  await expect(person(bob, 'Carol Chen').getByTestId('presence')).toHaveText('Available');

  const ringPage = await window.ringWindow();
  expect(window.visible).toBe(false); // loaded at sign-in, hidden until something rings
  await bob.getByRole('button', { name: 'Video call Carol Chen' }).click();
  const card = ring(ringPage, 'Bob Baker');
  await expect(card).toBeVisible();
  await printRingTime('ring window created hidden at sign-in', ringPage, harness, window);
  await expect(card).toContainText('Video call');
  await expect(card).toHaveAttribute('data-tone', 'playing');
  expect(window.visible).toBe(true);
  expect(await fitsWindow(ringPage)).toBe(true);
  await screenshot(ringPage, 'ring-window-one');

  const callId = harness.services.rings?.ringing[0]?.callId ?? '';
  await card.getByRole('button', { name: 'Accept with video' }).click();
  // Answered on the server by main: bob's call reads answered, the ring window is gone.
  await expect
    .poll(
      async () => (await harness.services.api('calls.get', { params: { id: callId } })).parties[0]?.outcome,
    )
    .toBe('answered');
  await expect(bob.getByRole('region', { name: 'Your call' })).toHaveCount(0);
  await expect(card).toHaveCount(0);
  expect(window.visible).toBe(false);
  // The app window main opened took the join at start and is in the call with her camera on.
  const carol = await window.appWindow();
  await expect(carol.getByRole('toolbar', { name: 'Meeting controls' })).toBeVisible();
  await expect(carol.locator('.room')).toHaveAttribute('data-status', 'connected');
  await expect(carol.getByRole('button', { name: 'Turn camera off' })).toBeVisible();
  await expect(tileOf(bob, 'Carol Chen')).toBeVisible();
  await expect
    .poll(async () => (await framesIn(tileOf(bob, 'Carol Chen').locator('video'))).frames)
    .toBeGreaterThan(5);
  // It did not ring a second time.
  await expect(carol.getByRole('alertdialog')).toHaveCount(0);
  expectNoPageErrors(bob, carol, ringPage);
  for (const page of [bob, carol]) await page.getByRole('button', { name: 'Leave meeting' }).click();
  await harness.services.api('presence.set', { body: { inMeeting: false } });
  harness.services.dispose();
  await Promise.all([bob, carol, ringPage].map((p) => p.context().close()));
});

test('declining with a message from the ring window reaches the caller; cards go on cancel; two rings and a silent one', async ({
  desktopRenderer: renderer,
  browser,
  ownStack: stack,
}) => {
  test.setTimeout(120_000);
  const { window, harness, carolId } = await carolOnDesktop(browser, renderer.origin, stack.appUrl);
  // This time carol has the app window open: it must not ring as well.
  const carol = await window.openAppNow();
  await expect(carol.getByRole('heading', { name: /Good to see you/ })).toBeVisible();
  const bob = await newPage(browser);
  await signIn(bob, stack.appUrl, 'bob');
  await openPeople(bob);
  await expect(person(bob, 'Carol Chen').getByTestId('presence')).toHaveText('Available');
  const yourCall = bob.getByRole('region', { name: 'Your call' });

  // Cancelled by bob: the card goes, the window hides.
  const ringPage = await window.ringWindow();
  await bob.getByRole('button', { name: 'Audio call Carol Chen' }).click();
  await expect(ring(ringPage, 'Bob Baker')).toBeVisible();
  await printRingTime('ring window created hidden at sign-in', ringPage, harness, window);
  await expect(ring(ringPage, 'Bob Baker')).toContainText('Audio call');
  await expect(carol.getByRole('alertdialog')).toHaveCount(0);
  await yourCall.getByRole('button', { name: 'Cancel call' }).click();
  await expect(ring(ringPage, 'Bob Baker')).toHaveCount(0);
  expect(window.visible).toBe(false);
  await yourCall.getByRole('button', { name: 'Close' }).click();

  // The user closed the ring window: the next ring creates it again, and its page asks main
  // what rings (it missed the event). Alice calls too: two cards, one tone.
  await window.close();
  await bob.getByRole('button', { name: 'Audio call Carol Chen' }).click();
  const reopened = await window.ringWindow();
  await expect(ring(reopened, 'Bob Baker')).toBeVisible();
  await printRingTime('ring window closed before, created by the ring', reopened, harness, window);
  const alice = await call<Session>(stack, 'POST', '/auth/login', {
    username: 'alice',
    password: DEMO_PASSWORD,
  });
  const fromAlice = await call<CallView>(
    stack,
    'POST',
    '/calls',
    { callees: [carolId], video: true },
    alice.accessToken,
  );
  await expect(ring(reopened, 'Alice Archer')).toBeVisible();
  await expect(reopened.locator('[data-tone="playing"]')).toHaveCount(1);
  await expect(carol.getByRole('alertdialog')).toHaveCount(0);
  await expect.poll(() => reopened.viewportSize()?.height).toBe(await cardsHeight(reopened));
  expect(await fitsWindow(reopened)).toBe(true);
  await screenshot(reopened, 'ring-window-two');
  // A larger system font wraps the cards onto more lines: the page says so and the window grows.
  const twoCards = reopened.viewportSize()?.height ?? 0;
  const largeFont = await reopened.addStyleTag({ content: '.ring h2, .ring .dim { font-size: 30px }' });
  await expect.poll(() => reopened.viewportSize()?.height).toBeGreaterThan(twoCards + 40);
  await expect.poll(() => fitsWindow(reopened)).toBe(true);
  await screenshot(reopened, 'ring-window-large-font');
  await largeFont.evaluate((style) => (style as HTMLElement).remove());
  await expect.poll(() => reopened.viewportSize()?.height).toBe(twoCards);

  // Bob's card: decline with a message.
  const bobCard = ring(reopened, 'Bob Baker');
  await bobCard.getByRole('button', { name: 'Decline with message…' }).click();
  await reopened.getByRole('button', { name: 'Back' }).click(); // and back: Accept is still there
  await expect(bobCard.getByRole('button', { name: 'Accept audio only' })).toBeVisible();
  await bobCard.getByRole('button', { name: 'Decline with message…' }).click();
  await reopened.getByLabel('Message to Bob Baker').fill('In a workshop, call you at 3');
  expect(await fitsWindow(reopened)).toBe(true);
  await screenshot(reopened, 'ring-window-decline-form');
  await reopened.getByRole('button', { name: 'Send and decline' }).click();
  await expect(yourCall).toContainText('declined');
  await expect(yourCall).toContainText('In a workshop, call you at 3');
  await expect(bobCard).toHaveCount(0);
  await expect(ring(reopened, 'Alice Archer')).toBeVisible();
  expect(window.visible).toBe(true);
  await call(stack, 'POST', `/calls/${fromAlice.id}/cancel`, {}, alice.accessToken);
  await expect(ring(reopened, 'Alice Archer')).toHaveCount(0);
  expect(window.visible).toBe(false);

  // In a meeting: the ring is silent and says so.
  await harness.services.api('presence.set', { body: { inMeeting: true } });
  const silentCall = await call<CallView>(
    stack,
    'POST',
    '/calls',
    { callees: [carolId], video: false },
    alice.accessToken,
  );
  const silent = ring(reopened, 'Alice Archer');
  await expect(silent).toContainText('you are in a meeting');
  await expect(silent).toHaveAttribute('data-silent', 'true');
  await expect(silent).not.toHaveAttribute('data-tone', /.*/);
  await screenshot(reopened, 'ring-window-silent');
  await call(stack, 'POST', `/calls/${silentCall.id}/cancel`, {}, alice.accessToken);
  await expect(silent).toHaveCount(0);
  await harness.services.api('presence.set', { body: { inMeeting: false } });
  await expect(carol.getByRole('alertdialog')).toHaveCount(0);

  // Accepted in the ring window while the app window is open: main tells it (ring.joinPending)
  // and it joins the call room, camera off for audio only.
  const lastCall = await call<CallView>(
    stack,
    'POST',
    '/calls',
    { callees: [carolId], video: false },
    alice.accessToken,
  );
  await ring(reopened, 'Alice Archer').getByRole('button', { name: 'Accept audio only' }).click();
  await expect(carol.locator('.room')).toHaveAttribute('data-status', 'connected');
  await expect(carol.getByRole('button', { name: 'Turn camera on' })).toBeVisible();
  expect((await harness.services.api('calls.get', { params: { id: lastCall.id } })).parties[0]?.outcome).toBe(
    'answered',
  );
  expect(window.visible).toBe(false);
  await carol.getByRole('button', { name: 'Leave meeting' }).click();
  await harness.services.api('presence.set', { body: { inMeeting: false } });
  expectNoPageErrors(bob, carol, ringPage, reopened);
  harness.services.dispose();
  await Promise.all([bob, carol, reopened].map((p) => p.context().close()));
});
