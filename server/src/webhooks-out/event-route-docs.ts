// OpenAPI descriptions of the event side's routes (LiveKit webhooks in, call detail records,
// outgoing webhooks), built from the same zod schemas the routes validate with.
import { z } from 'zod';
import * as api from '../../../common/api.js';
import type { RouteDoc } from '../openapi/document.js';

export const EVENT_ROUTES: RouteDoc[] = [
  {
    method: 'post',
    path: '/webhooks/livekit',
    summary: 'LiveKit event (application/webhook+json, signed JWT in Authorization)',
    response: z.object({ received: z.literal(true), duplicate: z.boolean() }),
    auth: false,
  },
  { method: 'get', path: '/cdr/sessions', summary: 'Call detail records (CdrQuery)', response: api.CdrPage },
  { method: 'get', path: '/cdr/sessions.csv', summary: 'Call detail records as CSV, one line per leg' },
  {
    method: 'get',
    path: '/cdr/sessions/{id}',
    summary: 'One call detail record with its legs',
    response: api.CdrSessionDetail,
  },
  {
    method: 'post',
    path: '/admin/webhooks',
    summary: 'Register a webhook endpoint (admin; the secret is shown once)',
    body: api.CreateWebhookEndpointRequest,
    response: api.CreatedWebhookEndpoint,
    status: 201,
  },
  {
    method: 'get',
    path: '/admin/webhooks',
    summary: 'Webhook endpoints (admin)',
    response: api.WebhookEndpointList,
  },
  {
    method: 'delete',
    path: '/admin/webhooks/{id}',
    summary: 'Remove a webhook endpoint (admin)',
    status: 204,
  },
  {
    method: 'get',
    path: '/admin/webhooks/{id}/deliveries',
    summary: 'Delivery log of an endpoint, newest first (admin)',
    response: api.WebhookDeliveryList,
  },
  {
    method: 'post',
    path: '/recordings/saved',
    summary: 'Report a saved local recording (metadata only)',
    body: api.RecordingSavedRequest,
    response: z.object({ accepted: z.literal(true) }),
    status: 202,
  },
];
