// Room members: GET /rooms/:id/members (anyone with a role), POST and DELETE (hosts only).
import type { FastifyPluginAsync } from 'fastify';
import { AddMemberRequest, type Member } from '../../../common/api.js';
import { AppError } from '../errors.js';
import type { UserStore } from '../users/store.js';
import { accessRoom, hostRoom } from './access.js';
import { MemberParams, RoomParams } from './params.js';
import type { RoomStore } from './store.js';

export interface MemberRoutesOptions {
  rooms: RoomStore;
  users: UserStore;
}

export const memberRoutes: FastifyPluginAsync<MemberRoutesOptions> = async (app, { rooms, users }) => {
  app.addHook('preHandler', app.requireUser);

  app.get('/rooms/:id/members', async (req) => {
    const { id } = RoomParams.parse(req.params);
    const { room } = await accessRoom(rooms, id, req.user);
    return { members: await rooms.listMembers(room.id) };
  });

  app.post('/rooms/:id/members', async (req, reply) => {
    const { id } = RoomParams.parse(req.params);
    const { room } = await hostRoom(rooms, id, req.user);
    const body = AddMemberRequest.parse(req.body);
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
    return reply.status(201).send(member);
  });

  app.delete('/rooms/:id/members/:userId', async (req, reply) => {
    const { id, userId } = MemberParams.parse(req.params);
    const { room } = await hostRoom(rooms, id, req.user);
    if (!(await rooms.removeMember(room.id, userId))) {
      throw new AppError('NOT_FOUND', 'That user is not a member of this room.');
    }
    return reply.status(204).send();
  });
};
