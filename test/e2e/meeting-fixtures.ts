// Fixtures for the meeting-UI tests: one real stack per worker (livekit-server + app server with
// the demo users alice, bob and carol), serving the web client built by build-renderer.ts.
import { test as base, type Browser, type Page } from '@playwright/test';
import { startTestStack, type Stack } from '../support/stack.js';

export interface MeetingFixtures {
  stack: Stack;
}

export const test = base.extend<object, MeetingFixtures>({
  stack: [
    // eslint-disable-next-line no-empty-pattern -- Playwright requires the destructuring form.
    async ({}, use) => {
      const stack = await startTestStack({ CONVENE_SEED_DEMO: '1' });
      await use(stack);
      await stack.stop();
    },
    { scope: 'worker', timeout: 60_000 },
  ],
});

export { expect } from '@playwright/test';

/** A fresh browser context (its own storage, so its own session) and page. */
export async function newPage(browser: Browser): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  return context.newPage();
}
