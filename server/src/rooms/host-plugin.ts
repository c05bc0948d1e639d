// `app.requireRoomHost`: the preHandler of every route the table marks `access: 'host'`. It runs
// after the caller is known and the `id` path parameter is validated, loads the room and passes
// only its hosts, leaving the room and the caller's role on `req.roomAccess` for the handler.
import type { preHandlerAsyncHookHandler } from 'fastify';
import fp from 'fastify-plugin';
import { hostRoom, type RoomAccess } from './access.js';
import type { RoomStore } from './store.js';

declare module 'fastify' {
  interface FastifyInstance {
    requireRoomHost: preHandlerAsyncHookHandler;
  }
  interface FastifyRequest {
    /** Set by requireRoomHost; read it only in routes of `access: 'host'`. */
    roomAccess: RoomAccess;
  }
}

export const roomHostPlugin = fp<{ rooms: RoomStore }>(
  async (app, { rooms }) => {
    app.decorateRequest('roomAccess', null as unknown as RoomAccess);
    app.decorate('requireRoomHost', async (req) => {
      const { id } = req.params as { id: string };
      req.roomAccess = await hostRoom(rooms, id, req.user);
    });
  },
  { name: 'room-host', dependencies: [] },
);
