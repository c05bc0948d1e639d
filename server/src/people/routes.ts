// The handlers of the people and presence endpoints of the route table (common/api/routes/people.ts).
import type { FastifyPluginAsync } from 'fastify';
import type { MyPresence } from '../../../common/people.js';
import { serve } from '../api/serve.js';
import { effectivePresence, type PeopleStore } from './store.js';

export const peopleRoutes: FastifyPluginAsync<{ people: PeopleStore }> = async (app, { people }) => {
  const mine = async (userId: string): Promise<MyPresence> => {
    const state = (await people.presenceOf([userId])).get(userId) ?? {
      status: 'available' as const,
      inMeeting: false,
      online: false,
    };
    return { status: state.status, inMeeting: state.inMeeting, presence: effectivePresence(state) };
  };

  serve(app, {
    'people.list': async (req) => ({
      people: await people.search(req.user.id, req.query.q, req.query.limit),
    }),
    'presence.get': (req) => mine(req.user.id),
    'presence.set': async (req) => {
      await people.set(req.user.id, req.body);
      return mine(req.user.id);
    },
  });
};
