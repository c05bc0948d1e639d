// Room members: GET /rooms/:id/members (anyone with a role), POST and DELETE (hosts only).
import type { FastifyPluginAsync } from 'fastify';
import type { Member } from '../../../common/api.js';
import { serve } from '../api/serve.js';
import { AppError } from '../errors.js';
import type { UserStore } from '../users/store.js';
import { accessRoom } from './access.js';
import type { RoomStore } from './store.js';

export interface MemberRoutesOptions {
  rooms: RoomStore;
  users: UserStore;
}

export const memberRoutes: FastifyPluginAsync<MemberRoutesOptions> = async (app, { rooms, users }) => {
  serve(app, {
    'members.list': async (req) => {
      const { room } = await accessRoom(rooms, req.params.id, req.user);
      return { members: await rooms.listMembers(room.id) };
    },

    'members.add': async (req) => {
      const { room } = req.roomAccess;
      const { body } = req;
      const user = await users.findByUsername(body.username);
      if (!user || user.disabled === 1) throw new AppError('NOT_FOUND', `There is no user ${body.username}.`);
      if (user.id === room.owner_id)
        throw new AppError('CONFLICT', 'The owner is always a host of their room.');
      await rooms.upsertMember({ room_id: room.id, user_id: user.id, role: body.role });
      const member: Member = {
        userId: user.id,
        username: user.username,
        displayName: user.display_name,
        role: body.role,
      };
      return member;
    },

    'members.remove': async (req) => {
      if (!(await rooms.removeMember(req.roomAccess.room.id, req.params.userId))) {
        throw new AppError('NOT_FOUND', 'That user is not a member of this room.');
      }
    },
  });
};
