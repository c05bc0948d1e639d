// Liveness (the process answers) and readiness (its dependencies answer). Load balancers and
// the stack launcher poll /health/ready before sending traffic.
import type { FastifyPluginAsync } from 'fastify';
import type { Config } from '../config.js';

export const healthRoutes: FastifyPluginAsync<{ config: Config }> = async (app, { config }) => {
  app.get('/health/live', async () => ({ status: 'ok' }));

  app.get('/health/ready', async (_req, reply) => {
    const livekit = await probe(config.livekit.apiUrl);
    const ready = livekit === 'ok';
    return reply
      .status(ready ? 200 : 503)
      .send({ status: ready ? 'ready' : 'not-ready', checks: { livekit } });
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
