// At-least-once delivery from the persisted outbox, on both databases: a message whose receiver
// is down is retried with backoff, survives an app-server restart, and arrives once the receiver
// is back; a receiver that keeps failing ends in 'failed'; closing the app leaves no timers.
import type { FastifyInstance } from 'fastify';
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CreatedWebhookEndpoint, WebhookDeliveryList } from '../../common/api.js';
import { freeTcpPort } from '../../scripts/stack/ports.js';
import type { BuildOptions } from '../../server/src/app.js';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../support/databases.js';
import { bearer, buildEventsApp, postLivekitEvents } from '../support/events-app.js';
import { eventually, startWebhookReceiver } from '../support/webhook-receiver.js';

const admin = await bearer({ id: 'admin-1', isAdmin: true });
const fast: BuildOptions = {
  webhooks: { pollIntervalMs: 30, retry: { baseDelayMs: 40, maxDelayMs: 150, maxAttempts: 100 } },
};
const timers = () => process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length;

function joinEvent(id: string, identity: string) {
  const now = Math.floor(Date.now() / 1000);
  return {
    event: 'participant_joined' as const,
    id,
    createdAtSeconds: now,
    room: { sid: `RM_${id}`, name: `room-${id}` },
    participant: { sid: `PA_${id}`, identity, joinedAtMs: now * 1000 },
  };
}

async function createEndpoint(app: FastifyInstance, url: string): Promise<CreatedWebhookEndpoint> {
  const res = await app.inject({
    method: 'POST',
    url: '/admin/webhooks',
    headers: admin,
    payload: { url, events: ['participant.joined'] },
  });
  expect(res.statusCode).toBe(201);
  return res.json();
}

const deliveries = async (app: FastifyInstance, endpointId: string) =>
  (
    (
      await app.inject({ url: `/admin/webhooks/${endpointId}/deliveries`, headers: admin })
    ).json() as WebhookDeliveryList
  ).deliveries;

describe.each(DIALECTS)('webhook outbox on %s', (dialect) => {
  let testDb: TestDatabase;
  beforeAll(async () => {
    testDb = await createTestDatabase(dialect);
  });
  afterAll(async () => {
    await testDb?.drop();
  });

  it('delivers after the receiver comes back, across an app-server restart', async () => {
    const baseline = timers();
    const port = await freeTcpPort(); // nothing listens here yet: the receiver is "down"
    const first = await buildEventsApp(testDb, fast);
    const endpoint = await createEndpoint(first, `http://127.0.0.1:${port}/hook`);
    expect(await postLivekitEvents(first, [joinEvent(`EV_restart_${dialect}`, 'frank')])).toEqual([200]);

    const failures = await eventually('two failed attempts', async () => {
      const log = await deliveries(first, endpoint.id);
      return log.length >= 2 ? log : undefined;
    });
    expect(failures.every((d) => d.statusCode === null && d.error && d.messageStatus === 'pending')).toBe(
      true,
    );
    await first.close();
    expect(timers(), 'timers left after close').toBeLessThanOrEqual(baseline);

    const receiver = await startWebhookReceiver(port);
    const second = await buildEventsApp(testDb, fast);
    try {
      await second.ready();
      const message = await eventually('the delivery', async () => receiver.received[0]);
      const payload = new Webhook(endpoint.secret).verify(message.body, message.headers) as {
        type: string;
        data: { identity: string };
      };
      expect(payload).toMatchObject({ type: 'participant.joined', data: { identity: 'frank' } });

      const log = await eventually('the log of the success', async () => {
        const all = await deliveries(second, endpoint.id);
        return all[0]?.statusCode === 204 ? all : undefined;
      });
      // Newest first: the success is the last of all attempts, made after those that failed.
      expect(log.length).toBeGreaterThan(failures.length);
      expect(log[0]).toMatchObject({ messageStatus: 'delivered', attempt: log.length });
      expect(new Set(log.map((d) => d.messageId)).size).toBe(1);
      expect(log[0]?.messageId).toBe(message.headers['webhook-id']);
      await new Promise((r) => setTimeout(r, 150));
      expect(receiver.received).toHaveLength(1);
    } finally {
      await second.close();
      await receiver.close();
    }
  });

  it('sends each message once when two app servers share the outbox', async () => {
    const receiver = await startWebhookReceiver();
    const [a, b] = [await buildEventsApp(testDb, fast), await buildEventsApp(testDb, fast)];
    try {
      await createEndpoint(a, receiver.url);
      const events = Array.from({ length: 30 }, (_, i) => joinEvent(`EV_shared_${dialect}_${i}`, `p${i}`));
      // Half the events reach each server, as behind a load balancer.
      const statuses = await Promise.all(events.map((e, i) => postLivekitEvents(i % 2 ? a : b, [e])));
      expect(statuses.flat().every((s) => s === 200)).toBe(true);
      await eventually('30 deliveries', async () => receiver.received.length >= 30);
      await new Promise((r) => setTimeout(r, 200));
      const ids = receiver.received.map((m) => m.headers['webhook-id']);
      expect(ids).toHaveLength(30);
      expect(new Set(ids).size).toBe(30);
    } finally {
      await Promise.all([a.close(), b.close()]);
      await receiver.close();
    }
  });

  it('gives up after the last attempt and logs every one', async () => {
    const receiver = await startWebhookReceiver();
    receiver.status = 503;
    const app = await buildEventsApp(testDb, {
      webhooks: { pollIntervalMs: 20, retry: { baseDelayMs: 10, maxDelayMs: 20, maxAttempts: 3 } },
    });
    try {
      const endpoint = await createEndpoint(app, receiver.url);
      expect(await postLivekitEvents(app, [joinEvent(`EV_fail_${dialect}`, 'gina')])).toEqual([200]);
      const log = await eventually('the message to fail', async () => {
        const all = await deliveries(app, endpoint.id);
        return all[0]?.messageStatus === 'failed' ? all : undefined;
      });
      expect(log.map((d) => [d.attempt, d.statusCode, d.error])).toEqual([
        [3, 503, 'HTTP 503'],
        [2, 503, 'HTTP 503'],
        [1, 503, 'HTTP 503'],
      ]);
      await new Promise((r) => setTimeout(r, 100));
      expect(receiver.received).toHaveLength(3);
    } finally {
      await app.close();
      await receiver.close();
    }
  });
});
