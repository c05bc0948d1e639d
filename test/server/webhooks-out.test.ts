// Outgoing webhooks: admin management of endpoints, the events sent for a meeting and for a
// saved recording, each signed so that the independent `standardwebhooks` package verifies it.
import type { FastifyInstance } from 'fastify';
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CreatedWebhookEndpoint, WebhookDeliveryList } from '../../common/api.js';
import { retryDelayMs } from '../../server/src/webhooks-out/backoff.js';
import { createTestDatabase, type TestDatabase } from '../support/databases.js';
import { bearer, buildEventsApp, postLivekitEvents } from '../support/events-app.js';
import type { SimpleEvent } from '../support/livekit-webhooks.js';
import { eventually, startWebhookReceiver, type WebhookReceiverServer } from '../support/webhook-receiver.js';

const admin = await bearer({ id: 'admin-1', isAdmin: true });
const now = Math.floor(Date.now() / 1000);
const room = { sid: 'RM_out', name: 'room-out', creationTimeMs: now * 1000 };
const erin = { sid: 'PA_erin', identity: 'erin', name: 'Erin', joinedAtMs: now * 1000 };
const meetingEvents: SimpleEvent[] = [
  { event: 'room_started', id: 'EV_out_1', createdAtSeconds: now, room },
  { event: 'participant_joined', id: 'EV_out_2', createdAtSeconds: now, room, participant: erin },
  { event: 'participant_left', id: 'EV_out_3', createdAtSeconds: now + 5, room, participant: erin },
  { event: 'room_finished', id: 'EV_out_4', createdAtSeconds: now + 6, room },
];

let testDb: TestDatabase;
let app: FastifyInstance;
let receiver: WebhookReceiverServer;

beforeAll(async () => {
  testDb = await createTestDatabase('sqlite');
  app = await buildEventsApp(testDb, { webhooks: { pollIntervalMs: 50, retry: { baseDelayMs: 50 } } });
  receiver = await startWebhookReceiver();
});
afterAll(async () => {
  await app?.close();
  await receiver?.close();
  await testDb?.drop();
});

async function createEndpoint(url: string, events: string[]): Promise<CreatedWebhookEndpoint> {
  const res = await app.inject({
    method: 'POST',
    url: '/admin/webhooks',
    headers: admin,
    payload: { url, events },
  });
  expect(res.statusCode).toBe(201);
  return res.json();
}

describe('outgoing webhooks', () => {
  it('lets only admins manage endpoints, and shows the secret once', async () => {
    const created = await createEndpoint('http://127.0.0.1:9/none', ['meeting.started']);
    expect(created.secret).toMatch(/^whsec_[A-Za-z0-9+/]+=*$/);
    expect(Buffer.from(created.secret.slice(6), 'base64').length).toBeGreaterThanOrEqual(24);
    const list = await app.inject({ url: '/admin/webhooks', headers: admin });
    expect(list.json().endpoints).toContainEqual(expect.objectContaining({ id: created.id }));
    expect(list.body).not.toContain(created.secret);

    const asUser = await app.inject({ url: '/admin/webhooks', headers: await bearer({ id: 'erin' }) });
    expect(asUser.statusCode).toBe(403);
    expect((await app.inject({ url: '/admin/webhooks' })).statusCode).toBe(401);

    const del = await app.inject({ method: 'DELETE', url: `/admin/webhooks/${created.id}`, headers: admin });
    expect(del.statusCode).toBe(204);
    const again = await app.inject({
      method: 'DELETE',
      url: `/admin/webhooks/${created.id}`,
      headers: admin,
    });
    expect(again.statusCode).toBe(404);
  });

  it('refuses bad endpoint definitions with a coded 400', async () => {
    const bad = [
      { url: 'ftp://127.0.0.1/x', events: ['meeting.started'] },
      { url: 'not a url', events: ['meeting.started'] },
      { url: 'http://127.0.0.1/x', events: [] },
      { url: 'http://127.0.0.1/x', events: ['meeting.exploded'] },
      { url: 'http://127.0.0.1/x', events: ['meeting.started'], secret: 'mine' },
    ];
    for (const payload of bad) {
      const res = await app.inject({ method: 'POST', url: '/admin/webhooks', headers: admin, payload });
      expect(res.statusCode, JSON.stringify(payload)).toBe(400);
      expect(res.json().error.code).toBe('VALIDATION');
    }
    const noLog = await app.inject({ url: '/admin/webhooks/none/deliveries', headers: admin });
    expect(noLog.statusCode).toBe(404);
  });

  it('sends every meeting event and a saved recording, signed the Standard Webhooks way', async () => {
    const all = await createEndpoint(receiver.url, [
      'meeting.started',
      'meeting.ended',
      'participant.joined',
      'participant.left',
      'recording.saved',
    ]);
    const endedOnly = await createEndpoint(receiver.url.replace('/hook', '/ended'), ['meeting.ended']);
    expect(await postLivekitEvents(app, meetingEvents)).toEqual([200, 200, 200, 200]);
    // A redelivered LiveKit event must not send a second message.
    expect(await postLivekitEvents(app, meetingEvents.slice(1, 2))).toEqual([200]);

    const recording = {
      roomId: 'room-out',
      startedAt: new Date(now * 1000).toISOString(),
      durationSeconds: 4.5,
      sizeBytes: 123456,
      mimeType: 'video/webm',
    };
    const saved = await app.inject({
      method: 'POST',
      url: '/recordings/saved',
      headers: await bearer({ id: 'erin' }),
      payload: recording,
    });
    expect(saved.statusCode).toBe(202);

    await eventually('six deliveries', async () => receiver.received.length >= 6);
    const verifier = new Webhook(all.secret);
    const secretFor = (path: string) => (path === '/ended' ? endedOnly.secret : all.secret);
    const types = receiver.received.map((message) => {
      const payload = new Webhook(secretFor(message.path)).verify(message.body, message.headers);
      return `${message.path} ${(payload as { type: string }).type}`;
    });
    expect(types.sort()).toEqual([
      '/ended meeting.ended',
      '/hook meeting.ended',
      '/hook meeting.started',
      '/hook participant.joined',
      '/hook participant.left',
      '/hook recording.saved',
    ]);
    const rec = receiver.received.find((m) => m.body.includes('recording.saved'));
    expect(JSON.parse(rec?.body ?? '{}').data).toMatchObject({
      ...recording,
      userId: 'erin',
      recovered: false,
    });

    // The verifier is not a rubber stamp: a changed body or another secret fails.
    const sample = receiver.received.find((m) => m.path === '/hook')!;
    expect(() => verifier.verify(sample.body.replace('room-out', 'room-evil'), sample.headers)).toThrow();
    expect(() => new Webhook(endedOnly.secret).verify(sample.body, sample.headers)).toThrow();

    await new Promise((r) => setTimeout(r, 200));
    expect(receiver.received).toHaveLength(6);
    const log = (
      await app.inject({ url: `/admin/webhooks/${all.id}/deliveries`, headers: admin })
    ).json() as WebhookDeliveryList;
    expect(log.deliveries).toHaveLength(5);
    expect(
      log.deliveries.every((d) => d.statusCode === 204 && d.messageStatus === 'delivered' && d.attempt === 1),
    ).toBe(true);
  });

  it('accepts a recording report only from someone who was in the room', async () => {
    const stranger = await app.inject({
      method: 'POST',
      url: '/recordings/saved',
      headers: await bearer({ id: 'mallory' }),
      payload: {
        roomId: 'room-out',
        startedAt: new Date().toISOString(),
        durationSeconds: 1,
        sizeBytes: 1,
        mimeType: 'video/webm',
      },
    });
    expect(stranger.statusCode).toBe(403);
    const bad = await app.inject({
      method: 'POST',
      url: '/recordings/saved',
      headers: await bearer({ id: 'erin' }),
      payload: {
        roomId: 'room-out',
        startedAt: 'today',
        durationSeconds: -1,
        sizeBytes: 1.5,
        mimeType: 'video/webm',
      },
    });
    expect(bad.statusCode).toBe(400);
    const anonymous = await app.inject({ method: 'POST', url: '/recordings/saved', payload: {} });
    expect(anonymous.statusCode).toBe(401);
  });
});

describe('API documentation', () => {
  it('documents the event-side routes with their schemas', async () => {
    const doc = (await app.inject({ url: '/docs/json' })).json() as {
      paths: Record<
        string,
        Record<string, { requestBody?: { content: Record<string, { schema: unknown }> } }>
      >;
    };
    const create = doc.paths['/admin/webhooks']?.post;
    expect(JSON.stringify(create?.requestBody?.content['application/json']?.schema)).toContain(
      'recording.saved',
    );
    for (const path of ['/webhooks/livekit', '/cdr/sessions', '/cdr/sessions/{id}', '/recordings/saved']) {
      expect(doc.paths[path], path).toBeDefined();
    }
  });
});

describe('retry delays', () => {
  const policy = { baseDelayMs: 1000, maxDelayMs: 60_000, maxAttempts: 10 };
  it('grow exponentially with jitter between half and all of the step, up to the cap', () => {
    expect(retryDelayMs(1, policy, () => 0)).toBe(500);
    expect(retryDelayMs(1, policy, () => 1)).toBe(1000);
    expect(retryDelayMs(4, policy, () => 0)).toBe(4000);
    expect(retryDelayMs(4, policy, () => 1)).toBe(8000);
    expect(retryDelayMs(40, policy, () => 1)).toBe(60_000);
    expect(retryDelayMs(40, policy, () => 0)).toBe(30_000);
  });
});
