// Outgoing webhooks as one unit: the admin routes, the recording report, and the dispatcher,
// which starts when the app is ready and is stopped (timers cleared, requests aborted) on close.
import type { FastifyPluginAsync } from 'fastify';
import type { Database } from '../db/database.js';
import { webhookAdminRoutes } from './admin-routes.js';
import type { WebhookDispatcher } from './dispatcher.js';
import { recordingRoutes } from './recording-routes.js';

export interface WebhooksOutOptions {
  database: Database;
  dispatcher: WebhookDispatcher;
}

export const webhooksOutPlugin: FastifyPluginAsync<WebhooksOutOptions> = async (
  app,
  { database, dispatcher },
) => {
  await app.register(webhookAdminRoutes, { database });
  await app.register(recordingRoutes, { database, onQueued: () => dispatcher.notify() });
  app.addHook('onReady', async () => dispatcher.start());
  app.addHook('onClose', async () => dispatcher.stop());
};
