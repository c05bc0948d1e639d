// POST /rooms/:id/invites (hosts): a guest link carrying a role and an expiry.
import type { FastifyPluginAsync } from 'fastify';
import type { Invite } from '../../../common/api.js';
import { serve } from '../api/serve.js';
import type { InviteSigner } from './invites.js';

export interface InviteRoutesOptions {
  invites: InviteSigner;
  publicUrl: string;
}

export const inviteRoutes: FastifyPluginAsync<InviteRoutesOptions> = async (app, options) => {
  serve(app, {
    'invites.create': async (req) => {
      const { room } = req.roomAccess;
      const { body } = req;
      const expiresAt = Date.now() + body.expiresInMinutes * 60_000;
      const invite = options.invites.sign(room.id, body.role, expiresAt);
      const result: Invite = {
        invite,
        url: `${options.publicUrl}/join/${invite}`,
        role: body.role,
        expiresAt: new Date(expiresAt).toISOString(),
      };
      return result;
    },
  });
};
