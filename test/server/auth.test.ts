// Sign-in, sessions and the auth guard, on both SQLite and PostgreSQL.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Session, User } from '../../common/api.js';
import { signJwt } from '../../server/src/auth/jwt.js';
import { DIALECTS } from '../support/databases.js';
import { startCoreApp, TEST_JWT_SECRET, TEST_PASSWORD, type CoreApp } from '../support/core-app.js';

describe.each(DIALECTS)('auth on %s', (dialect) => {
  let core: CoreApp;
  let aliceId: string;

  beforeAll(async () => {
    core = await startCoreApp(dialect, { build: { loginLimit: { max: 5, windowMs: 60_000 } } });
    aliceId = await core.addUser('alice', { isAdmin: true });
    await core.addUser('bob');
  });
  afterAll(() => core?.close());

  const refresh = (refreshToken: string) =>
    core.app.inject({ method: 'POST', url: '/auth/refresh', payload: { refreshToken } });

  it('signs in and answers GET /me with the user', async () => {
    const session = await core.login('alice');
    // Exactly the shape of common/api.ts, which the desktop client parses.
    expect(() => Session.parse(session)).not.toThrow();
    expect(session.user).toEqual({
      id: aliceId,
      username: 'alice',
      displayName: 'Alice Tester',
      isAdmin: true,
    });
    const ttl = Date.parse(session.accessTokenExpiresAt) - Date.now();
    expect(ttl).toBeGreaterThan(8 * 60_000);
    expect(ttl).toBeLessThanOrEqual(10 * 60_000);
    const me = await core.as(session, { method: 'GET', url: '/me' });
    expect(me.statusCode).toBe(200);
    expect(User.parse(me.json())).toEqual(session.user);
  });

  it('rotates the refresh token on every use, and a reused one revokes the whole family', async () => {
    const first = await core.login('bob');
    const second = await refresh(first.refreshToken);
    expect(second.statusCode).toBe(200);
    const rotated = second.json<Session>();
    expect(rotated.refreshToken).not.toBe(first.refreshToken);
    expect(rotated.user.username).toBe('bob');

    // The first token was already rotated: presenting it again is theft or a replay.
    const reuse = await refresh(first.refreshToken);
    expect(reuse.statusCode).toBe(401);
    // ...and the legitimate newest token of that family dies with it.
    const afterReuse = await refresh(rotated.refreshToken);
    expect(afterReuse.statusCode).toBe(401);

    // Another login (another family) is unaffected.
    const other = await core.login('bob');
    expect((await refresh(other.refreshToken)).statusCode).toBe(200);
  });

  it('logs out: the refresh token no longer works', async () => {
    const session = await core.login('bob');
    const out = await core.app.inject({
      method: 'POST',
      url: '/auth/logout',
      payload: { refreshToken: session.refreshToken },
    });
    expect(out.statusCode).toBe(204);
    expect((await refresh(session.refreshToken)).statusCode).toBe(401);
  });

  it('refuses expired, tampered and missing access tokens with 401', async () => {
    const session = await core.login('bob');
    const now = Math.floor(Date.now() / 1000);
    const expired = signJwt(
      { sub: aliceId, usr: 'alice', name: 'A', adm: true, iat: now - 700, exp: now - 100 },
      TEST_JWT_SECRET,
    );
    const [header, payload, signature] = session.accessToken.split('.') as [string, string, string];
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString()) as Record<string, unknown>;
    const elevated = Buffer.from(JSON.stringify({ ...claims, adm: true })).toString('base64url');
    const forged = signJwt(
      { sub: aliceId, usr: 'alice', name: 'A', adm: true, iat: now, exp: now + 600 },
      'x'.repeat(48),
    );
    const noneAlg = `${Buffer.from('{"alg":"none","typ":"JWT"}').toString('base64url')}.${payload}.`;
    for (const token of [expired, `${header}.${elevated}.${signature}`, forged, noneAlg, 'garbage']) {
      const res = await core.app.inject({
        method: 'GET',
        url: '/me',
        headers: { authorization: `Bearer ${token}` },
      });
      expect(res.statusCode).toBe(401);
      expect(res.json().error.code).toBe('UNAUTHORIZED');
    }
    expect((await core.app.inject({ method: 'GET', url: '/me' })).statusCode).toBe(401);
  });

  it('answers an unknown user exactly like a wrong password', async () => {
    const attempt = (username: string, remoteAddress: string) =>
      core.app.inject({
        method: 'POST',
        url: '/auth/login',
        remoteAddress,
        payload: { username, password: 'not the password' },
      });
    const unknown = await attempt('nobody', '10.0.0.1');
    const wrong = await attempt('alice', '10.0.0.2');
    expect(unknown.statusCode).toBe(401);
    expect(wrong.statusCode).toBe(401);
    expect(unknown.body).toBe(wrong.body);
    expect(unknown.json().error).toEqual({
      code: 'INVALID_CREDENTIALS',
      message: 'Wrong username or password.',
    });
  });

  it('refuses a disabled user and ends their sessions at the next refresh', async () => {
    await core.addUser('dave');
    const session = await core.login('dave');
    await core.users.setDisabled('dave', true);
    const login = await core.app.inject({
      method: 'POST',
      url: '/auth/login',
      remoteAddress: '10.0.0.9',
      payload: { username: 'dave', password: TEST_PASSWORD },
    });
    expect(login.statusCode).toBe(401);
    expect((await refresh(session.refreshToken)).statusCode).toBe(401);
  });

  it('refuses an account-and-address pair after its own failures with 429 RATE_LIMITED', async () => {
    const tryLogin = (password: string) =>
      core.app.inject({
        method: 'POST',
        url: '/auth/login',
        remoteAddress: '10.1.0.1',
        payload: { username: 'carol', password },
      });
    const statuses = [];
    for (let i = 0; i < 6; i++) statuses.push((await tryLogin('guess')).statusCode);
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429]);
    const limited = await tryLogin(TEST_PASSWORD);
    expect(limited.statusCode).toBe(429);
    expect(limited.json().error.code).toBe('RATE_LIMITED');
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
  });

  it('never slows down sign-ins that succeed', async () => {
    for (let i = 0; i < 8; i++) {
      const res = await core.app.inject({
        method: 'POST',
        url: '/auth/login',
        remoteAddress: '10.4.0.1',
        payload: { username: 'bob', password: TEST_PASSWORD },
      });
      expect(res.statusCode).toBe(200);
    }
  });

  it('answers bad input with a coded 4xx, never a 500, and never echoes the password', async () => {
    const cases = [
      { username: 7, password: [] },
      { username: 'alice', password: 'x', admin: true },
      { username: 'alice' },
      { username: 'alice', password: 'p'.repeat(2000) },
    ];
    for (const payload of cases) {
      const res = await core.app.inject({
        method: 'POST',
        url: '/auth/login',
        remoteAddress: '10.3.0.1',
        payload,
      });
      expect(res.statusCode).toBe(400);
      expect(res.json().error.code).toBe('VALIDATION');
    }
    const huge = await core.app.inject({
      method: 'POST',
      url: '/auth/login',
      payload: { username: 'alice', password: 'x'.repeat(300 * 1024) },
    });
    expect(huge.statusCode).toBe(413);
    const badRefresh = await core.app.inject({
      method: 'POST',
      url: '/auth/refresh',
      payload: { refreshToken: 1 },
    });
    expect(badRefresh.statusCode).toBe(400);
    const unknownRefresh = await refresh('never-issued');
    expect(unknownRefresh.statusCode).toBe(401);
    expect(unknownRefresh.body).not.toContain('never-issued');
  });
});
