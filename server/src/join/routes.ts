// POST /rooms/:id/join (signed-in users) and POST /invites/join (guests with an invite).
import { randomBytes } from 'node:crypto';
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import { serve } from '../api/serve.js';
import { AppError } from '../errors.js';
import { accessRoom } from '../rooms/access.js';
import type { InviteSigner } from '../rooms/invites.js';
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
  serve(app, {
    'rooms.join': async (req) => {
      const { room, role } = await accessRoom(rooms, req.params.id, req.user);
      return joins.join(
        room,
        { identity: req.user.id, displayName: req.user.displayName, role },
        clientInfo(req),
      );
    },

    'guest.join': async (req) => {
      const { body } = req;
      const invite = invites.verify(body.invite);
      if (!invite) {
        throw new AppError('FORBIDDEN', 'This invite is not valid or has expired.', {
          reason: 'INVALID_INVITE',
        });
      }
      const room = await rooms.findById(invite.r);
      if (!room) throw new AppError('NOT_FOUND', 'The meeting of this invite no longer exists.');
      const identity = `guest-${randomBytes(8).toString('hex')}`;
      return joins.join(
        room,
        { identity, displayName: body.displayName, role: invite.role },
        clientInfo(req),
      );
    },
  });
};
