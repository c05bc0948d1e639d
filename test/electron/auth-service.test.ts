// The auth service against the real app server and the real OS keychain (gnome-keyring through
// keytar): sign-in, silent sign-in after a restart, refresh before expiry and after a 401,
// a session the server ended, and sign-out.
import keytar from 'keytar';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiClient } from '../../common/api.js';
import { keyringSkipReason } from '../support/keyring.js';
import { startTestStack, type Stack } from '../support/stack.js';
import { postJson, startHarness } from './support/desktop-harness.js';

const skip = keyringSkipReason();
if (skip) console.warn(`auth service keychain tests ${skip}`);
const PASSWORD = 'convene-demo';

describe.skipIf(skip !== undefined)('AuthService with the real keychain and app server', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startTestStack({ CONVENE_SEED_DEMO: '1' });
  });
  afterAll(async () => {
    await stack?.stop();
  });

  it('signs in, keeps the refresh token in the keychain only, and restores the session after a restart', async () => {
    const first = await startHarness();
    const state = await first.services.handlers['auth.signIn']({
      serverUrl: `${stack.appUrl}/`,
      username: 'alice',
      password: PASSWORD,
    });
    expect(state).toMatchObject({ signedIn: true, credentialStore: 'keychain', serverUrl: stack.appUrl });
    expect(state.user?.username).toBe('alice');
    expect(lastAuthChange(first.events)).toEqual({ event: 'auth.changed', payload: state });

    const account = `${stack.appUrl}|alice`;
    const stored = await keytar.getPassword(first.credentialService, account);
    expect(stored).toEqual(expect.any(String));
    // Nothing that crosses to the renderer carries it.
    expect(JSON.stringify([state, first.events])).not.toContain(stored);
    first.services.dispose();

    // A new process: same user data and keychain, no password.
    const second = await startHarness({
      userDataDir: first.userDataDir,
      credentialService: first.credentialService,
    });
    expect(second.services.auth.status().signedIn).toBe(false);
    const restored = await second.services.auth.restore();
    expect(restored).toMatchObject({ signedIn: true, user: { username: 'alice' } });
    // The refresh token rotated and the keychain has the new one.
    const rotated = await keytar.getPassword(first.credentialService, account);
    expect(rotated).not.toBe(stored);
    const { rooms } = await second.services.api('rooms.list');
    expect(Array.isArray(rooms)).toBe(true);
    await second.services.auth.signOut();
    second.services.dispose();
  });

  it('refreshes before the access token expires, on a timer and before a call', async () => {
    // A margin longer than the 10-minute token makes every token "due" at once.
    const h = await startHarness({ refreshMarginMs: 24 * 3600_000 });
    await h.services.auth.signIn(stack.appUrl, 'bob', PASSWORD);
    const account = `${stack.appUrl}|bob`;
    const before = await keytar.getPassword(h.credentialService, account);
    const { accessToken } = await h.services.auth.current();
    const afterCall = await keytar.getPassword(h.credentialService, account);
    expect(afterCall).not.toBe(before);

    // The scheduled refresh fires (after its 1 s floor) without any call.
    const deadline = Date.now() + 5_000;
    while ((await keytar.getPassword(h.credentialService, account)) === afterCall && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(await keytar.getPassword(h.credentialService, account)).not.toBe(afterCall);
    const { accessToken: later } = await h.services.auth.current();
    expect(later).not.toBe(accessToken);
    await h.services.auth.signOut();
    h.services.dispose();
  });

  it('after a 401, refreshes once and retries the call', async () => {
    const h = await startHarness();
    await h.services.auth.signIn(stack.appUrl, 'carol', PASSWORD);
    let refreshes = 0;
    let first = true;
    // The server refuses this token for real; the auth service then refreshes for real.
    const api = createApiClient({
      session: {
        current: async () => {
          const real = await h.services.auth.current();
          if (!first) return real;
          first = false;
          return { ...real, accessToken: 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.not-signed-by-the-server' };
        },
        refreshAfterRejection: async (stale) => {
          refreshes += 1;
          return h.services.auth.refreshAfterRejection(stale);
        },
      },
    });
    const list = await api('rooms.list');
    expect(Array.isArray(list.rooms)).toBe(true);
    expect(refreshes).toBe(1);
    await h.services.auth.signOut();
    h.services.dispose();
  });

  it('ends the session and clears the keychain when the server refuses the refresh token', async () => {
    const h = await startHarness();
    await h.services.auth.signIn(stack.appUrl, 'alice', PASSWORD);
    const account = `${stack.appUrl}|alice`;
    const stored = await keytar.getPassword(h.credentialService, account);
    // Another device (or an admin) logs this session out on the server.
    expect((await postJson(`${stack.appUrl}/auth/logout`, { refreshToken: stored })).status).toBe(204);

    await expect(h.services.auth.refresh()).rejects.toMatchObject({ status: 401 });
    expect(h.services.auth.status().signedIn).toBe(false);
    expect(await keytar.getPassword(h.credentialService, account)).toBeNull();
    expect(lastAuthChange(h.events)).toMatchObject({ event: 'auth.changed', payload: { signedIn: false } });
    await expect(h.services.api('rooms.list')).rejects.toMatchObject({ code: 'NOT_SIGNED_IN' });
    h.services.dispose();
  });

  it('at launch, drops a stored refresh token the server no longer accepts', async () => {
    const first = await startHarness();
    await first.services.auth.signIn(stack.appUrl, 'carol', PASSWORD);
    const account = `${stack.appUrl}|carol`;
    const stored = await keytar.getPassword(first.credentialService, account);
    first.services.dispose();
    expect((await postJson(`${stack.appUrl}/auth/logout`, { refreshToken: stored })).status).toBe(204);

    const second = await startHarness({
      userDataDir: first.userDataDir,
      credentialService: first.credentialService,
    });
    expect((await second.services.auth.restore()).signedIn).toBe(false);
    expect(await keytar.getPassword(first.credentialService, account)).toBeNull();
    expect(second.logs.join('\n')).toMatch(/silent sign-in failed/);
    expect(second.logs.join('\n')).not.toContain(stored);
    second.services.dispose();
  });

  it('signs out: the keychain entry is gone and the server refuses the old refresh token', async () => {
    const h = await startHarness();
    await h.services.auth.signIn(stack.appUrl, 'bob', PASSWORD);
    const account = `${stack.appUrl}|bob`;
    const stored = await keytar.getPassword(h.credentialService, account);
    const state = await h.services.handlers['auth.signOut'](undefined);
    expect(state.signedIn).toBe(false);
    expect(await keytar.getPassword(h.credentialService, account)).toBeNull();
    expect(await keytar.findCredentials(h.credentialService)).toEqual([]);
    expect((await postJson(`${stack.appUrl}/auth/refresh`, { refreshToken: stored })).status).toBe(401);
    h.services.dispose();
  });

  it('refuses a wrong password with the server code and stores nothing', async () => {
    const h = await startHarness();
    await expect(h.services.auth.signIn(stack.appUrl, 'alice', 'wrong-password')).rejects.toMatchObject({
      code: 'INVALID_CREDENTIALS',
    });
    expect(await keytar.findCredentials(h.credentialService)).toEqual([]);
    h.services.dispose();
  });
});

/** The newest auth.changed event (push.status events from the push channel interleave with it). */
function lastAuthChange(events: { event: string }[]) {
  return events.filter((e) => e.event === 'auth.changed').at(-1);
}
