// Playwright fixtures: one real stack (livekit-server + app server, demo users seeded) per worker.
// Also per worker: the built renderer served the way the desktop app loads it, for the specs
// that run it with the real main-process services bound in.
import { join } from 'node:path';
import { test as base } from '@playwright/test';
import type { JoinResult, Room, Session } from '../../common/api.js';
import { REPO_ROOT } from '../../scripts/stack/stack.js';
import { DEMO_PASSWORD } from '../../server/src/users/demo-seed.js';
import { serveRenderer, type StaticRenderer } from '../electron/support/static-renderer.js';
import { startTestStack, type Stack } from '../support/stack.js';

export const test = base.extend<
  { closeOwnContexts: void },
  { stack: Stack; desktopRenderer: StaticRenderer }
>({
  // Contexts a test opens with browser.newContext() live until the worker's browser closes, unless
  // closed: Playwright closes only its own `context` fixture. Left open, every earlier test's
  // people stayed in their meetings, sending and decoding video beside the later tests (a
  // recording test lost 2.1 s to a starved encoder after the test before it, and 0.07 s alone).
  closeOwnContexts: [
    async ({ browser }, use) => {
      const before = new Set(browser.contexts());
      await use();
      const opened = browser.contexts().filter((context) => !before.has(context));
      await Promise.all(opened.map((context) => context.close().catch(() => undefined)));
    },
    { auto: true },
  ],
  stack: [
    // eslint-disable-next-line no-empty-pattern -- Playwright requires the destructuring form.
    async ({}, use) => {
      // Calls ring for 15 s instead of 30 s. Not shorter: on a busy CI machine the steps from a
      // ring showing to a click on it took over 6 s, and the ring ran out under the test's hand.
      const stack = await startTestStack({ CONVENE_CALL_RING_TIMEOUT_MS: '15000' }, { seedUsers: true });
      await use(stack);
      await stack.stop();
    },
    { scope: 'worker', timeout: 120_000 },
  ],
  desktopRenderer: [
    // eslint-disable-next-line no-empty-pattern -- Playwright requires the destructuring form.
    async ({}, use) => {
      const renderer = await serveRenderer(join(REPO_ROOT, 'dist', 'renderer'));
      await use(renderer);
      await renderer.close();
    },
    { scope: 'worker' },
  ],
});

export { expect } from '@playwright/test';

/** One JSON call to a stack's app server; throws with the status and body when it is not 2xx. */
export async function call<T>(
  stack: Pick<Stack, 'appUrl'>,
  method: string,
  path: string,
  body?: unknown,
  token?: string,
): Promise<T> {
  const res = await fetch(`${stack.appUrl}${path}`, {
    method,
    headers: {
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

/** Signs a demo user in and joins the permanent room `slug` (alice creates it if missing),
 *  exactly as a client does: login, then POST /rooms/:id/join for a role-based LiveKit token. */
export async function joinAs(
  stack: Stack,
  username: 'alice' | 'bob' | 'carol',
  slug: string,
): Promise<{ url: string; token: string; identity: string }> {
  const session = await call<Session>(stack, 'POST', '/auth/login', { username, password: DEMO_PASSWORD });
  let room: Room;
  try {
    room = await call<Room>(stack, 'GET', `/rooms/${slug}`, undefined, session.accessToken);
  } catch {
    const owner = await call<Session>(stack, 'POST', '/auth/login', {
      username: 'alice',
      password: DEMO_PASSWORD,
    });
    room = await call<Room>(stack, 'POST', '/rooms', { title: slug, slug }, owner.accessToken);
  }
  const joined = await call<JoinResult>(stack, 'POST', `/rooms/${room.id}/join`, {}, session.accessToken);
  if (joined.status !== 'admitted') throw new Error(`${username} was not admitted to ${slug}`);
  return { url: joined.url, token: joined.token, identity: session.user.id };
}
