// POST /rooms/:id/invites (hosts): a guest link carrying a role and an expiry.
import type { FastifyPluginAsync } from 'fastify';
import { CreateInviteRequest, type Invite } from '../../../common/api.js';
import { hostRoom } from './access.js';
import type { InviteSigner } from './invites.js';
import { RoomParams } from './params.js';
import type { RoomStore } from './store.js';

export interface InviteRoutesOptions {
  rooms: RoomStore;
  invites: InviteSigner;
  publicUrl: string;
}

export const inviteRoutes: FastifyPluginAsync<InviteRoutesOptions> = async (app, options) => {
  app.post('/rooms/:id/invites', { preHandler: app.requireUser }, async (req, reply) => {
    const { id } = RoomParams.parse(req.params);
    const { room } = await hostRoom(options.rooms, id, req.user);
    const body = CreateInviteRequest.parse(req.body ?? {});
    const expiresAt = Date.now() + body.expiresInMinutes * 60_000;
    const invite = options.invites.sign(room.id, body.role, expiresAt);
    const result: Invite = {
      invite,
      url: `${options.publicUrl}/join/${invite}`,
      role: body.role,
      expiresAt: new Date(expiresAt).toISOString(),
    };
    return reply.status(201).send(result);
  });
};
