// An in-process app server on a real test database, for the event-side tests (webhooks in, CDR,
// webhooks out), with a known token secret so tests can act as any user or admin.
import type { FastifyInstance } from 'fastify';
import { signJwt } from '../../server/src/auth/jwt.js';
import { build, type BuildOptions } from '../../server/src/app.js';
import { loadConfig } from '../../server/src/config.js';
import type { TestDatabase } from './databases.js';
import { signWebhook, webhookBody, type SimpleEvent } from './livekit-webhooks.js';

export const JWT_SECRET = 'events-test-jwt-secret-0123456789abcdef';
export const LIVEKIT_KEYS = { apiKey: 'APIeventsTest', apiSecret: 'events-test-livekit-secret-0123456789' };

export function buildEventsApp(
  testDb: TestDatabase,
  options: BuildOptions = {},
  livekit: { url?: string; apiKey: string; apiSecret: string } = LIVEKIT_KEYS,
): Promise<FastifyInstance> {
  const config = loadConfig({
    ...testDb.env,
    CONVENE_DATA_DIR: testDb.dataDir,
    CONVENE_JWT_SECRET: JWT_SECRET,
    // Nothing listens here: these tests never need LiveKit's API, only its webhook keys.
    LIVEKIT_URL: livekit.url ?? 'ws://127.0.0.1:1',
    LIVEKIT_API_KEY: livekit.apiKey,
    LIVEKIT_API_SECRET: livekit.apiSecret,
  });
  return build(config, { logLevel: 'silent', ...options });
}

export async function bearer(user: { id: string; isAdmin?: boolean }): Promise<{ authorization: string }> {
  const now = Math.floor(Date.now() / 1000);
  const token = await signJwt(
    { sub: user.id, name: user.id, usr: user.id, adm: user.isAdmin ?? false, iat: now, exp: now + 600 },
    JWT_SECRET,
  );
  return { authorization: `Bearer ${token}` };
}

/** Delivers LiveKit-format events to the app as LiveKit would, signed with the test keys. */
export async function postLivekitEvents(
  app: FastifyInstance,
  events: readonly SimpleEvent[],
): Promise<number[]> {
  const statuses: number[] = [];
  for (const e of events) {
    const body = webhookBody(e);
    const res = await app.inject({
      method: 'POST',
      url: '/webhooks/livekit',
      headers: {
        'content-type': 'application/webhook+json',
        authorization: await signWebhook(body, LIVEKIT_KEYS.apiKey, LIVEKIT_KEYS.apiSecret),
      },
      payload: body,
    });
    statuses.push(res.statusCode);
  }
  return statuses;
}
