// Fixtures for the meeting-UI tests: the shared per-worker stack of fixtures.ts (real
// livekit-server + app server with the demo users alice, bob and carol), which serves the web
// client built once by build-renderer.ts. Reusing it keeps one stack per worker for all specs.
import type { Browser, Page } from '@playwright/test';
import { expect } from './fixtures.js';

export { expect, test } from './fixtures.js';

const pageErrors = new WeakMap<Page, string[]>();

/** A fresh browser context (its own storage, so its own session) and page. */
export async function newPage(browser: Browser): Promise<Page> {
  // As a user who allowed camera and microphone: device lists then carry ids and labels.
  const context = await browser.newContext({
    viewport: { width: 1280, height: 800 },
    permissions: ['camera', 'microphone'],
  });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  pageErrors.set(page, errors);
  return page;
}

/** Uncaught exceptions in the pages: a UI that threw has stopped updating somewhere. */
export function expectNoPageErrors(...pages: Page[]): void {
  expect(pages.flatMap((page) => pageErrors.get(page) ?? [])).toEqual([]);
}
