// /admin/webhooks: administrators register the company systems Convene notifies. The signing
// secret is returned once, at creation; afterwards only the endpoint's public fields are shown.
import { randomUUID } from 'node:crypto';
import type { FastifyPluginAsync } from 'fastify';
import { z } from 'zod';
import { WebhookEvent, type CreatedWebhookEndpoint, type WebhookEndpoint } from '../../../common/api.js';
import { serve } from '../api/serve.js';
import type { Database } from '../db/database.js';
import { eraseDeletedRows } from '../db/erase.js';
import { AppError } from '../errors.js';
import { newSigningSecret } from './signing.js';
import type { WebhookEndpointsTable } from './tables.js';

const iso = (ms: number) => new Date(ms).toISOString();

function present(row: Omit<WebhookEndpointsTable, 'secret'>): WebhookEndpoint {
  return {
    id: row.id,
    url: row.url,
    events: z.array(WebhookEvent).parse(JSON.parse(row.events)),
    description: row.description,
    createdAt: iso(row.created_at),
  };
}

export const webhookAdminRoutes: FastifyPluginAsync<{ database: Database }> = async (app, { database }) => {
  const { db } = database;
  const publicColumns = ['id', 'url', 'events', 'description', 'created_at'] as const;

  serve(app, {
    'webhooks.create': async (req) => {
      const { body } = req;
      const row: WebhookEndpointsTable = {
        id: randomUUID(),
        url: body.url,
        events: JSON.stringify([...new Set(body.events)]),
        description: body.description ?? null,
        secret: newSigningSecret(),
        created_at: Date.now(),
      };
      await db.insertInto('webhook_endpoints').values(row).execute();
      const created: CreatedWebhookEndpoint = { ...present(row), secret: row.secret };
      return created;
    },

    'webhooks.list': async () => {
      const rows = await db
        .selectFrom('webhook_endpoints')
        .select(publicColumns)
        .orderBy('created_at')
        .execute();
      return { endpoints: rows.map(present) };
    },

    'webhooks.delete': async (req) => {
      const { id } = req.params;
      // Its outbox and delivery log go with it (ON DELETE CASCADE): nothing more is sent.
      const result = await db.deleteFrom('webhook_endpoints').where('id', '=', id).executeTakeFirst();
      if (Number(result.numDeletedRows) === 0) throw new AppError('NOT_FOUND', 'No such webhook endpoint.');
      await eraseDeletedRows(database, 'webhook_endpoints'); // its secret, from the free pages too
    },

    'webhooks.deliveries': async (req) => {
      const { id } = req.params;
      const { limit } = req.query;
      const endpoint = await db
        .selectFrom('webhook_endpoints')
        .select('id')
        .where('id', '=', id)
        .executeTakeFirst();
      if (!endpoint) throw new AppError('NOT_FOUND', 'No such webhook endpoint.');
      const rows = await db
        .selectFrom('webhook_deliveries as d')
        .innerJoin('webhook_outbox as o', 'o.id', 'd.outbox_id')
        .select(['d.id', 'd.outbox_id', 'o.event_type', 'o.status', 'd.attempt', 'd.status_code', 'd.error'])
        .select(['d.started_at', 'd.finished_at'])
        .where('d.endpoint_id', '=', id)
        .orderBy('d.started_at', 'desc')
        .orderBy('d.attempt', 'desc')
        .limit(limit)
        .execute();
      return {
        deliveries: rows.map((r) => ({
          id: r.id,
          messageId: r.outbox_id,
          eventType: WebhookEvent.parse(r.event_type),
          attempt: r.attempt,
          statusCode: r.status_code,
          error: r.error,
          startedAt: iso(r.started_at),
          finishedAt: iso(r.finished_at),
          messageStatus: r.status,
        })),
      };
    },
  });
};
