// Liveness (the process answers) and readiness (its dependencies answer). Load balancers and
// the stack launcher poll /health/ready before sending traffic.
import type { FastifyPluginAsync } from 'fastify';
import { serve } from '../api/serve.js';
import type { Config } from '../config.js';

export const healthRoutes: FastifyPluginAsync<{ config: Config }> = async (app, { config }) => {
  serve(app, {
    'health.live': async () => ({ status: 'ok' }),
    'health.ready': async (_req, reply) => {
      const livekit = await probe(config.livekit.apiUrl);
      const ready = livekit === 'ok';
      if (!ready) void reply.status(503);
      return { status: ready ? 'ready' : 'not-ready', checks: { livekit } };
    },
  });
};

async function probe(url: string): Promise<'ok' | 'unreachable'> {
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(2000) });
    return res.ok ? 'ok' : 'unreachable';
  } catch {
    return 'unreachable';
  }
}
