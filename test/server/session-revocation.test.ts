// Sessions end with the credentials, on SQLite and PostgreSQL: after `npm run admin -- user
// set-password`, after `user disable` (the real CLI, as its own process, on the app server's
// database) and after an admin's "sign out everywhere", the old refresh token is refused at once
// and the old access token stops working within REVOCATION_CACHE_MS.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Session } from '../../common/api.js';
import { REVOCATION_CACHE_MS } from '../../server/src/auth/revocation.js';
import { REPO_ROOT } from '../../scripts/stack/stack.js';
import { DIALECTS } from '../support/databases.js';
import { startCoreApp, type CoreApp } from '../support/core-app.js';

const run = promisify(execFile);
/** The stated bound, plus room for a loaded machine to notice. */
const BOUND_MS = REVOCATION_CACHE_MS + 5000;

describe.each(DIALECTS)('ending sessions on %s', (dialect) => {
  let core: CoreApp;
  beforeAll(async () => {
    core = await startCoreApp(dialect);
    for (const u of ['sam', 'tess', 'uma', 'vera']) await core.addUser(u);
    await core.addUser('root', { isAdmin: true });
  });
  afterAll(async () => core?.close());

  const admin = async (...args: string[]) => {
    const child = run(process.execPath, ['--import', 'tsx', 'server/src/cli/main.ts', ...args], {
      cwd: REPO_ROOT,
      env: { ...process.env, CONVENE_DATA_DIR: core.database.dataDir, ...core.database.env },
    });
    child.child.stdin?.end('a-brand-new-password\n');
    return (await child).stdout;
  };
  const me = async (session: Session) => (await core.as(session, { method: 'GET', url: '/me' })).statusCode;
  const refresh = async (session: Session) =>
    (
      await core.app.inject({
        method: 'POST',
        url: '/auth/refresh',
        payload: { refreshToken: session.refreshToken },
      })
    ).statusCode;

  /** Two sessions (two devices), both in use, so the access tokens are cached as live. */
  const signedIn = async (username: string) => {
    const sessions = [await core.login(username), await core.login(username)];
    for (const s of sessions) expect(await me(s)).toBe(200);
    return sessions;
  };
  const expectEnded = async (sessions: Session[]) => {
    for (const s of sessions) expect(await refresh(s)).toBe(401);
    const started = Date.now();
    await expect
      .poll(async () => Promise.all(sessions.map(me)), { timeout: BOUND_MS, interval: 500 })
      .toEqual([401, 401]);
    return Date.now() - started;
  };

  // All four ways at once, so the wait for the cache bound is paid once.
  it('ends every session after set-password, disable, sign out everywhere and logout', async () => {
    const [sam, tess, uma, vera] = [
      await signedIn('sam'),
      await signedIn('tess'),
      await signedIn('uma'),
      await signedIn('vera'),
    ];
    const [root] = await signedIn('root');
    expect(await admin('user', 'set-password', 'sam')).toContain('ended their sessions');
    expect(await admin('user', 'disable', 'tess')).toContain('ended their sessions');
    expect((await core.as(uma[0]!, { method: 'DELETE', url: '/admin/users/root/sessions' })).statusCode).toBe(
      403,
    );
    expect((await core.as(root!, { method: 'DELETE', url: '/admin/users/uma/sessions' })).statusCode).toBe(
      204,
    );
    await core.app.inject({
      method: 'POST',
      url: '/auth/logout',
      payload: { refreshToken: vera[0]!.refreshToken },
    });

    const [took] = await Promise.all([
      Promise.all([sam, tess, uma].map(expectEnded)),
      expect.poll(() => me(vera[0]!), { timeout: BOUND_MS, interval: 500 }).toBe(401),
    ]);
    expect(Math.max(...took)).toBeLessThanOrEqual(BOUND_MS);
    const body = (await core.as(sam[0]!, { method: 'GET', url: '/me' })).json();
    expect(body.error).toEqual({ code: 'UNAUTHORIZED', message: 'This session has ended. Sign in again.' });
    // Only those sessions: the admin and Vera's other device are still signed in.
    expect(await me(root!)).toBe(200);
    expect(await me(vera[1]!)).toBe(200);
    // The new password works, in a new session; the disabled account stays out.
    expect((await core.login('sam', 'a-brand-new-password')).user.username).toBe('sam');
    await expect(core.login('tess')).rejects.toThrow(/401/);
    const unknown = await core.as(root!, { method: 'DELETE', url: '/admin/users/nobody/sessions' });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().error.code).toBe('NOT_FOUND');
  }, 60_000);
});
