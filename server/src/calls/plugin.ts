// Calls as one plugin: the service, its routes, and the ring timer. Each instance settles the
// legs whose ring time ran out: right on time for calls it placed, and on a slower sweep for
// everyone's (a call placed through an instance that has since died still ends as missed).
import type { FastifyPluginAsync } from 'fastify';
import type { Database } from '../db/database.js';
import type { PeopleStore } from '../people/store.js';
import { callRoutes } from './routes.js';
import { CallService } from './service.js';

export interface CallsOptions {
  database: Database;
  people: PeopleStore;
  ringTimeoutMs: number;
  onWebhookQueued: () => void;
}

const SWEEP_MS = 5000;

export const callsPlugin: FastifyPluginAsync<CallsOptions> = async (app, options) => {
  const calls = new CallService(options.database.db, app.push.hub, options.people, options);
  const timers = new Set<NodeJS.Timeout>();
  const settle = () =>
    void calls
      .settleDue()
      .catch((err: unknown) => app.log.warn({ err }, 'calls: settling unanswered calls failed'));
  const onRinging = () => {
    const timer = setTimeout(() => {
      timers.delete(timer);
      settle();
    }, options.ringTimeoutMs + 20);
    timers.add(timer);
  };
  await app.register(callRoutes, { database: options.database, calls, onRinging });

  let sweeper: NodeJS.Timeout | null = null;
  app.addHook('onReady', async () => {
    sweeper = setInterval(settle, Math.min(SWEEP_MS, options.ringTimeoutMs));
    sweeper.unref();
  });
  app.addHook('onClose', async () => {
    if (sweeper) clearInterval(sweeper);
    for (const timer of timers) clearTimeout(timer);
  });
};
