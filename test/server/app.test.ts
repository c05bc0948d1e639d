// The app factory driven with inject(), against a real LiveKit server for readiness.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from '../../server/src/app.js';
import { loadConfig } from '../../server/src/config.js';
import { startLivekit } from '../support/livekit-only.js';
import type { Stack } from '../support/stack.js';

let stack: Stack;
let app: FastifyInstance;
let dataDir: string;

beforeAll(async () => {
  stack = await startLivekit();
  dataDir = await mkdtemp(join(tmpdir(), 'convene-app-'));
  const config = loadConfig({
    CONVENE_DATA_DIR: dataDir,
    LIVEKIT_URL: stack.livekitUrl,
    LIVEKIT_API_KEY: stack.keys.apiKey,
    LIVEKIT_API_SECRET: stack.keys.apiSecret,
  });
  app = await build(config, { logLevel: 'silent' });
});

afterAll(async () => {
  await app?.close();
  await stack?.stop();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

describe('app server skeleton', () => {
  it('is ready when LiveKit answers, and not ready when it does not', async () => {
    const ready = await app.inject({ method: 'GET', url: '/health/ready' });
    expect(ready.statusCode).toBe(200);
    expect(ready.json()).toEqual({ status: 'ready', checks: { livekit: 'ok' } });

    const offline = await build(
      loadConfig({
        CONVENE_DATA_DIR: dataDir,
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

  it('answers bad input with a coded 4xx, never a 500', async () => {
    const wrongTypes = await app.inject({
      method: 'POST',
      url: '/auth/login',
      payload: { username: 7, password: [] },
    });
    expect(wrongTypes.statusCode).toBe(400);
    expect(wrongTypes.json().error.code).toBe('VALIDATION');

    const unknownField = await app.inject({
      method: 'POST',
      url: '/auth/login',
      payload: { username: 'a', password: 'b', admin: true },
    });
    expect(unknownField.statusCode).toBe(400);

    const brokenJson = await app.inject({
      method: 'POST',
      url: '/auth/login',
      headers: { 'content-type': 'application/json' },
      payload: '{"username":',
    });
    expect(brokenJson.statusCode).toBe(400);

    const huge = await app.inject({
      method: 'POST',
      url: '/auth/login',
      payload: { username: 'a', password: 'x'.repeat(300 * 1024) },
    });
    expect(huge.statusCode).toBe(413);
    expect(huge.json().error.code).toBe('PAYLOAD_TOO_LARGE');

    const missing = await app.inject({ method: 'GET', url: '/nope?token=secret' });
    expect(missing.statusCode).toBe(404);
    expect(missing.json().error.message).not.toContain('secret');
  });

  it('no longer has the temporary development token endpoint', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/dev/token',
      payload: { room: 'a', identity: 'b' },
    });
    expect(res.statusCode).toBe(404);
  });
});
