// POST /webhooks/livekit on both databases: only correctly signed events are stored, each once,
// before the 200; forgeries and tampered replays get a 401 and leave no trace.
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../server/src/db/database.js';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../support/databases.js';
import { buildEventsApp, LIVEKIT_KEYS } from '../support/events-app.js';
import { signWebhook, webhookBody } from '../support/livekit-webhooks.js';

const { apiKey, apiSecret } = LIVEKIT_KEYS;
const now = Math.floor(Date.now() / 1000);

describe.each(DIALECTS)('LiveKit webhooks in, on %s', (dialect) => {
  let testDb: TestDatabase;
  let app: FastifyInstance;
  let database: Database;

  beforeAll(async () => {
    testDb = await createTestDatabase(dialect);
    app = await buildEventsApp(testDb);
    database = app.database;
  });
  afterAll(async () => {
    await app?.close();
    await testDb?.drop();
  });

  const post = (body: string, authorization?: string, type = 'application/webhook+json') =>
    app.inject({
      method: 'POST',
      url: '/webhooks/livekit',
      headers: { 'content-type': type, ...(authorization ? { authorization } : {}) },
      payload: body,
    });
  const stored = (id: string) =>
    database.db.selectFrom('livekit_events').selectAll().where('id', '=', id).execute();

  it('stores a correctly signed event with its fields and the exact body', async () => {
    const body = webhookBody({
      event: 'participant_joined',
      id: `EV_ok_${dialect}`,
      createdAtSeconds: now,
      room: { sid: 'RM_in_1', name: 'room-in-1' },
      participant: { sid: 'PA_in_1', identity: 'user-1', joinedAtMs: now * 1000 },
    });
    const res = await post(body, await signWebhook(body, apiKey, apiSecret));
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ received: true, duplicate: false });
    const [row] = await stored(`EV_ok_${dialect}`);
    expect(row).toMatchObject({
      event: 'participant_joined',
      room_sid: 'RM_in_1',
      room_name: 'room-in-1',
      participant_identity: 'user-1',
      payload: body,
    });
    expect(row?.created_at).toBe(now * 1000);
    expect(row?.received_at).toBeGreaterThanOrEqual(now * 1000);
  });

  it('also accepts application/json, as older LiveKit servers send', async () => {
    const body = webhookBody({
      event: 'room_started',
      createdAtSeconds: now,
      room: { sid: 'RM_json', name: 'r' },
    });
    const res = await post(body, await signWebhook(body, apiKey, apiSecret), 'application/json');
    expect(res.statusCode).toBe(200);
  });

  it('refuses a forged event (wrong key) and a missing signature with 401, storing nothing', async () => {
    const body = webhookBody({
      event: 'room_started',
      id: `EV_forged_${dialect}`,
      createdAtSeconds: now,
      room: { sid: 'RM_forged', name: 'forged' },
    });
    const forged = await post(body, await signWebhook(body, apiKey, 'x'.repeat(40)));
    expect(forged.statusCode).toBe(401);
    expect(forged.json().error.code).toBe('UNAUTHORIZED');
    const unsigned = await post(body);
    expect(unsigned.statusCode).toBe(401);
    const wrongKeyName = await post(body, await signWebhook(body, 'APIother', apiSecret));
    expect(wrongKeyName.statusCode).toBe(401);
    expect(await stored(`EV_forged_${dialect}`)).toEqual([]);
  });

  it('refuses a replayed signature on a tampered body with 401, storing nothing', async () => {
    const original = webhookBody({
      event: 'participant_left',
      id: `EV_orig_${dialect}`,
      createdAtSeconds: now,
      room: { sid: 'RM_tamper', name: 'tamper' },
      participant: { sid: 'PA_t', identity: 'victim' },
    });
    const authorization = await signWebhook(original, apiKey, apiSecret);
    const tampered = original.replace(`EV_orig_${dialect}`, `EV_tampered_${dialect}`);
    expect(tampered).not.toBe(original);
    const res = await post(tampered, authorization);
    expect(res.statusCode).toBe(401);
    expect(await stored(`EV_tampered_${dialect}`)).toEqual([]);
    // One changed space is enough: the hash covers the exact bytes.
    const respaced = await post(original.replace('{', '{ '), authorization);
    expect(respaced.statusCode).toBe(401);
    expect(await stored(`EV_orig_${dialect}`)).toEqual([]);
  });

  it('treats a redelivered event as done: 200, one row, one effect', async () => {
    const body = webhookBody({
      event: 'participant_joined',
      id: `EV_dup_${dialect}`,
      createdAtSeconds: now,
      room: { sid: 'RM_dup', name: 'dup' },
      participant: { sid: 'PA_dup', identity: 'dupe', joinedAtMs: now * 1000 },
    });
    const authorization = await signWebhook(body, apiKey, apiSecret);
    const results = await Promise.all([post(body, authorization), post(body, authorization)]);
    const again = await post(body, authorization);
    expect([...results, again].map((r) => r.statusCode)).toEqual([200, 200, 200]);
    expect([...results, again].filter((r) => r.json().duplicate === false)).toHaveLength(1);
    expect(await stored(`EV_dup_${dialect}`)).toHaveLength(1);
    const legs = await database.db
      .selectFrom('cdr_legs')
      .innerJoin('cdr_sessions', 'cdr_sessions.id', 'cdr_legs.session_id')
      .select('cdr_legs.id')
      .where('cdr_sessions.room_sid', '=', 'RM_dup')
      .execute();
    expect(legs).toHaveLength(1);
  });

  it('answers malformed input with a coded 4xx, never a 500', async () => {
    const garbage = '{"event": "room_started", "id": ';
    const signedGarbage = await post(garbage, await signWebhook(garbage, apiKey, apiSecret));
    expect(signedGarbage.statusCode).toBe(400);
    expect(signedGarbage.json().error.code).toBe('VALIDATION');
    const noId = JSON.stringify({ event: 'room_started', room: { sid: 'RM_x', name: 'x' } });
    const noIdRes = await post(noId, await signWebhook(noId, apiKey, apiSecret));
    expect(noIdRes.statusCode).toBe(400);
    const forgedGarbage = await post(garbage, 'token');
    expect(forgedGarbage.statusCode).toBe(401);
    const wrongType = await post('hello', 'token', 'application/xml');
    expect(wrongType.statusCode).toBe(415);
    const notAJwt = await post(noId, 'Bearer nonsense');
    expect(notAJwt.statusCode).toBe(401);
    expect(JSON.stringify(notAJwt.json())).not.toContain('nonsense');
  });
});
