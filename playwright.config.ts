// End-to-end tests run in Debian's Chromium (never a downloaded browser) with fake camera and
// microphone, against real servers started by the fixtures in test/e2e/fixtures.ts.
import { defineConfig } from '@playwright/test';
import { chromiumArgs, chromiumPath } from './test/e2e/chromium.js';

// Run one of these alone with `--no-deps`, or Playwright runs the 'meetings' project first.
const HEAVY = [
  '**/meeting-big-room.spec.ts',
  '**/recording.spec.ts',
  '**/web-recording.spec.ts',
  '**/web-recording-page-thread.spec.ts',
];

export default defineConfig({
  testDir: 'test/e2e',
  testMatch: '**/*.spec.ts',
  outputDir: 'test-results',
  // Builds the web client once; the app servers of the meeting-UI tests serve it.
  globalSetup: './test/e2e/build-renderer.ts',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  // Each worker runs its own stack and browsers; two cores fit two.
  workers: 2,
  fullyParallel: false,
  projects: [
    { name: 'meetings', testIgnore: HEAVY },
    // Ten people in one room, and recordings timed against the wall clock: each runs alone,
    // after the rest, so neither starves the other of the machine's two cores.
    { name: 'heavy', testMatch: HEAVY, workers: 1, dependencies: ['meetings'] },
  ],
  retries: 0,
  reporter: process.env.CI
    ? [['list']]
    : [['list'], ['html', { open: 'never', outputFolder: 'playwright-report' }]],
  use: {
    browserName: 'chromium',
    launchOptions: { executablePath: chromiumPath(), args: chromiumArgs() },
    permissions: ['camera', 'microphone'],
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
});
