// POST /rooms/:id/join (signed-in users) and POST /invites/join (guests with an invite).
import { randomBytes } from 'node:crypto';
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import { GuestJoinRequest } from '../../../common/api.js';
import { AppError } from '../errors.js';
import { accessRoom } from '../rooms/access.js';
import type { InviteSigner } from '../rooms/invites.js';
import { RoomParams } from '../rooms/params.js';
import type { RoomStore } from '../rooms/store.js';
import type { ClientInfo, JoinService } from './join-service.js';

export interface JoinRoutesOptions {
  rooms: RoomStore;
  joins: JoinService;
  invites: InviteSigner;
}

export function clientInfo(req: FastifyRequest): ClientInfo {
  const userAgent = req.headers['user-agent'];
  return { address: req.ip ?? null, userAgent: typeof userAgent === 'string' ? userAgent : null };
}

export const joinRoutes: FastifyPluginAsync<JoinRoutesOptions> = async (app, { rooms, joins, invites }) => {
  app.post('/rooms/:id/join', { preHandler: app.requireUser }, async (req) => {
    const { id } = RoomParams.parse(req.params);
    const { room, role } = await accessRoom(rooms, id, req.user);
    return joins.join(
      room,
      { identity: req.user.id, displayName: req.user.displayName, role },
      clientInfo(req),
    );
  });

  app.post('/invites/join', async (req) => {
    const body = GuestJoinRequest.parse(req.body);
    const invite = invites.verify(body.invite);
    if (!invite) {
      throw new AppError('FORBIDDEN', 'This invite is not valid or has expired.', {
        reason: 'INVALID_INVITE',
      });
    }
    const room = await rooms.findById(invite.r);
    if (!room) throw new AppError('NOT_FOUND', 'The meeting of this invite no longer exists.');
    const identity = `guest-${randomBytes(8).toString('hex')}`;
    return joins.join(room, { identity, displayName: body.displayName, role: invite.role }, clientInfo(req));
  });
};
