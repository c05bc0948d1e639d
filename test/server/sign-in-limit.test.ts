// The sign-in limiter against a real app server (in process, real database): an attacker's
// guesses slow the account down but never lock its owner out; the attacker's own address and
// account pair is refused with Retry-After; behind a reverse proxy (CONVENE_TRUST_PROXY) each
// client is counted by its forwarded address, and without the setting the header is ignored.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCoreApp, TEST_PASSWORD, type CoreApp } from '../support/core-app.js';

const LIMIT = { max: 10, windowMs: 60_000, spacingMs: 50, maxWaitMs: 10_000 };

describe.each(['sqlite', 'postgres'] as const)('sign-in limits on %s', (dialect) => {
  let core: CoreApp;
  beforeAll(async () => {
    core = await startCoreApp(dialect, { build: { loginLimit: LIMIT } });
    await core.addUser('olive');
  });
  afterAll(async () => core?.close());

  const attempt = (password: string, remoteAddress: string, username = 'olive') =>
    core.app.inject({ method: 'POST', url: '/auth/login', remoteAddress, payload: { username, password } });

  it("lets the owner in from another address after an attacker's 50 wrong guesses", async () => {
    const attacker = [];
    for (let i = 0; i < 50; i++) attacker.push((await attempt(`guess-${i}`, '203.0.113.66')).statusCode);
    // Ten guesses are checked; after that the attacker's own pair is refused.
    expect(attacker.slice(0, 10)).toEqual(Array(10).fill(401));
    expect(new Set(attacker.slice(10))).toEqual(new Set([429]));
    const refused = await attempt('guess-51', '203.0.113.66');
    expect(refused.headers['retry-after']).toMatch(/^\d+$/);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    expect(Number(refused.headers['retry-after'])).toBeLessThanOrEqual(60);
    expect(refused.json().error).toMatchObject({
      code: 'RATE_LIMITED',
      details: { retryAfterSeconds: expect.any(Number) },
    });
    // Even the right password is refused to that pair, or guessing could go on there.
    expect((await attempt(TEST_PASSWORD, '203.0.113.66')).statusCode).toBe(429);

    const owner = await attempt(TEST_PASSWORD, '198.51.100.7');
    expect(owner.statusCode).toBe(200);
    expect(owner.json().user.username).toBe('olive');
  });

  it('slows down guessing of one account from many addresses instead of refusing it', async () => {
    await core.addUser('pablo');
    for (let i = 0; i < 10; i++)
      expect((await attempt('nope', `203.0.113.${i}`, 'pablo')).statusCode).toBe(401);
    // Now over the account's limit: five guesses from five fresh addresses at once are spaced
    // one turn apart (50 ms here), and the owner's right password comes through after them.
    const started = Date.now();
    const spray = await Promise.all([0, 1, 2, 3, 4].map((i) => attempt('nope', `203.0.114.${i}`, 'pablo')));
    expect(spray.map((r) => r.statusCode)).toEqual([401, 401, 401, 401, 401]);
    expect(Date.now() - started).toBeGreaterThanOrEqual(4 * LIMIT.spacingMs);
    expect((await attempt(TEST_PASSWORD, '198.51.100.8', 'pablo')).statusCode).toBe(200);
  });
});

describe('behind a reverse proxy', () => {
  it('counts each client by its forwarded address when CONVENE_TRUST_PROXY names the proxy', async () => {
    const core = await startCoreApp('sqlite', {
      build: { loginLimit: LIMIT },
      env: { CONVENE_TRUST_PROXY: '127.0.0.1' },
    });
    try {
      await core.addUser('quinn');
      const viaProxy = (password: string, client: string) =>
        core.app.inject({
          method: 'POST',
          url: '/auth/login',
          remoteAddress: '127.0.0.1',
          headers: { 'x-forwarded-for': client },
          payload: { username: 'quinn', password },
        });
      for (let i = 0; i < 10; i++) await viaProxy('guess', '203.0.113.9');
      expect((await viaProxy('guess', '203.0.113.9')).statusCode).toBe(429);
      // Another client behind the same proxy is its own pair: in, with the right password.
      expect((await viaProxy(TEST_PASSWORD, '198.51.100.9')).statusCode).toBe(200);
    } finally {
      await core.close();
    }
  });

  it('ignores X-Forwarded-For without the setting, so a client cannot pick its own address', async () => {
    const core = await startCoreApp('sqlite', { build: { loginLimit: LIMIT } });
    try {
      await core.addUser('rosa');
      const spoofing = (i: number) =>
        core.app.inject({
          method: 'POST',
          url: '/auth/login',
          remoteAddress: '203.0.113.10',
          headers: { 'x-forwarded-for': `10.9.9.${i}` },
          payload: { username: 'rosa', password: 'guess' },
        });
      const statuses = [];
      for (let i = 0; i < 11; i++) statuses.push((await spoofing(i)).statusCode);
      expect(statuses.at(-1)).toBe(429);
    } finally {
      await core.close();
    }
  });
});
