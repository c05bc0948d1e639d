// Playwright fixtures: one real stack (livekit-server + app server) per worker.
import { test as base } from '@playwright/test';
import { startTestStack, type Stack } from '../support/stack.js';

export const test = base.extend<object, { stack: Stack }>({
  stack: [
    // eslint-disable-next-line no-empty-pattern -- Playwright requires the destructuring form.
    async ({}, use) => {
      const stack = await startTestStack();
      await use(stack);
      await stack.stop();
    },
    { scope: 'worker', timeout: 60_000 },
  ],
});

export { expect } from '@playwright/test';

/** A LiveKit token from the app server's development endpoint. */
export async function devToken(
  stack: Stack,
  room: string,
  identity: string,
): Promise<{ url: string; token: string }> {
  const res = await fetch(`${stack.appUrl}/dev/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ room, identity }),
  });
  if (!res.ok) throw new Error(`dev token: ${res.status} ${await res.text()}`);
  return (await res.json()) as { url: string; token: string };
}
