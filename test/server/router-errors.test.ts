// Router-level errors answer in the API's one error shape: a path that does not percent-decode
// and a path parameter of 10,000 characters, on routes with and without authentication. The
// probe's path is not echoed back.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCoreApp, type CoreApp } from '../support/core-app.js';

let core: CoreApp;
beforeAll(async () => {
  core = await startCoreApp('sqlite');
});
afterAll(async () => core?.close());

const long = 'a'.repeat(10_000);

describe('router errors', () => {
  it.each([
    ['GET', '/rooms/%E0%A4%A', 400, 'VALIDATION'],
    ['POST', '/rooms/%zz/join', 400, 'VALIDATION'],
    ['GET', '/cdr/sessions/%', 400, 'VALIDATION'],
    ['GET', `/rooms/${long}`, 414, 'URI_TOO_LONG'],
    ['POST', `/rooms/${long}/join`, 414, 'URI_TOO_LONG'],
    ['GET', `/waiting/${long}`, 414, 'URI_TOO_LONG'],
    ['DELETE', `/rooms/x/participants/${long}`, 414, 'URI_TOO_LONG'],
  ] as const)('%s %s answers %i %s', async (method, url, status, code) => {
    const res = await core.app.inject({ method, url });
    expect(res.statusCode).toBe(status);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    const body = res.json<{ error: { code: string; message: string } }>();
    expect(Object.keys(body)).toEqual(['error']);
    expect(body.error).toEqual({ code, message: expect.any(String) });
    expect(res.body.length).toBeLessThan(200);
  });

  it('still routes ids of ordinary length', async () => {
    const res = await core.app.inject({ method: 'GET', url: `/rooms/${'b'.repeat(90)}` });
    expect(res.statusCode).toBe(401); // reached the route, which wants a signed-in user
    expect(res.json().error.code).toBe('UNAUTHORIZED');
  });
});
