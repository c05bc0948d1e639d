// The app factory driven with inject(), against a real LiveKit server for readiness.
import type { FastifyInstance } from 'fastify';
import { TokenVerifier } from 'livekit-server-sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from '../../server/src/app.js';
import { loadConfig } from '../../server/src/config.js';
import { startTestStack, type Stack } from '../support/stack.js';

let stack: Stack;
let app: FastifyInstance;

beforeAll(async () => {
  stack = await startTestStack();
  const config = loadConfig({
    LIVEKIT_URL: stack.livekitUrl,
    LIVEKIT_API_KEY: stack.keys.apiKey,
    LIVEKIT_API_SECRET: stack.keys.apiSecret,
    CONVENE_DEV_ENDPOINTS: '1',
  });
  app = await build(config, { logLevel: 'silent' });
});

afterAll(async () => {
  await app?.close();
  await stack?.stop();
});

describe('app server skeleton', () => {
  it('is ready when LiveKit answers, and not ready when it does not', async () => {
    const ready = await app.inject({ method: 'GET', url: '/health/ready' });
    expect(ready.statusCode).toBe(200);
    expect(ready.json()).toEqual({ status: 'ready', checks: { livekit: 'ok' } });

    const offline = await build(
      loadConfig({
        LIVEKIT_URL: 'ws://127.0.0.1:1',
        LIVEKIT_API_KEY: 'k',
        LIVEKIT_API_SECRET: 'x'.repeat(32),
      }),
      { logLevel: 'silent' },
    );
    const notReady = await offline.inject({ method: 'GET', url: '/health/ready' });
    expect(notReady.statusCode).toBe(503);
    expect(notReady.json().checks.livekit).toBe('unreachable');
    await offline.close();
  });

  it('mints a verifiable LiveKit token on the development endpoint', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/dev/token',
      payload: { room: 'smoke', identity: 'alice' },
    });
    expect(res.statusCode).toBe(200);
    const { url, token } = res.json() as { url: string; token: string };
    expect(url).toBe(stack.livekitUrl);
    const claims = await new TokenVerifier(stack.keys.apiKey, stack.keys.apiSecret).verify(token);
    expect(claims.sub).toBe('alice');
    expect(claims.video?.room).toBe('smoke');
    expect(claims.video?.roomJoin).toBe(true);
  });

  it('answers bad input with a coded 4xx, never a 500', async () => {
    const wrongTypes = await app.inject({
      method: 'POST',
      url: '/dev/token',
      payload: { room: 7, identity: [] },
    });
    expect(wrongTypes.statusCode).toBe(400);
    expect(wrongTypes.json().error.code).toBe('VALIDATION');

    const unknownField = await app.inject({
      method: 'POST',
      url: '/dev/token',
      payload: { room: 'a', identity: 'b', admin: true },
    });
    expect(unknownField.statusCode).toBe(400);

    const brokenJson = await app.inject({
      method: 'POST',
      url: '/dev/token',
      headers: { 'content-type': 'application/json' },
      payload: '{"room":',
    });
    expect(brokenJson.statusCode).toBe(400);

    const huge = await app.inject({
      method: 'POST',
      url: '/dev/token',
      payload: { room: 'a', identity: 'x'.repeat(300 * 1024) },
    });
    expect(huge.statusCode).toBe(413);
    expect(huge.json().error.code).toBe('PAYLOAD_TOO_LARGE');

    const missing = await app.inject({ method: 'GET', url: '/nope?token=secret' });
    expect(missing.statusCode).toBe(404);
    expect(missing.json().error.message).not.toContain('secret');
  });

  it('has no development endpoint unless it is switched on', async () => {
    const prod = await build(
      loadConfig({ LIVEKIT_URL: stack.livekitUrl, LIVEKIT_API_KEY: 'k', LIVEKIT_API_SECRET: 'x'.repeat(32) }),
      { logLevel: 'silent' },
    );
    const res = await prod.inject({
      method: 'POST',
      url: '/dev/token',
      payload: { room: 'a', identity: 'b' },
    });
    expect(res.statusCode).toBe(404);
    await prod.close();
  });
});
