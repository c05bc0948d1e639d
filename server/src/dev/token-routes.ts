// TEMPORARY, development only (CONVENE_DEV_ENDPOINTS=1): mints a LiveKit token for any room and
// identity without a login. The app-server issue replaces it with role-based joins.
import type { FastifyPluginAsync } from 'fastify';
import { AccessToken } from 'livekit-server-sdk';
import { z } from 'zod';
import type { Config } from '../config.js';

const DevTokenRequest = z.strictObject({
  room: z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'room must be lowercase letters, digits and dashes'),
  identity: z.string().min(1).max(128),
  name: z.string().min(1).max(128).optional(),
});

export const devTokenRoutes: FastifyPluginAsync<{ config: Config }> = async (app, { config }) => {
  app.post('/dev/token', async (req) => {
    const body = DevTokenRequest.parse(req.body);
    const token = new AccessToken(config.livekit.apiKey, config.livekit.apiSecret, {
      identity: body.identity,
      name: body.name ?? body.identity,
      ttl: '10m',
    });
    token.addGrant({
      room: body.room,
      roomJoin: true,
      canPublish: true,
      canSubscribe: true,
      canPublishData: true,
    });
    return { url: config.livekit.url, token: await token.toJwt() };
  });
};
