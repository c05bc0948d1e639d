// GET /people (the directory with presence), GET /presence and PUT /presence (what my clients set).
import type { FastifyPluginAsync } from 'fastify';
import { PeopleQuery, SetPresenceRequest, type MyPresence, type PeopleList } from '../../../common/people.js';
import { effectivePresence, type PeopleStore } from './store.js';

export const peopleRoutes: FastifyPluginAsync<{ people: PeopleStore }> = async (app, { people }) => {
  app.get('/people', { preHandler: app.requireUser }, async (req): Promise<PeopleList> => {
    const query = PeopleQuery.parse(req.query);
    return { people: await people.search(req.user.id, query.q, query.limit) };
  });

  const mine = async (userId: string): Promise<MyPresence> => {
    const state = (await people.presenceOf([userId])).get(userId) ?? {
      status: 'available' as const,
      inMeeting: false,
      online: false,
    };
    return { status: state.status, inMeeting: state.inMeeting, presence: effectivePresence(state) };
  };

  app.get('/presence', { preHandler: app.requireUser }, (req) => mine(req.user.id));

  app.put('/presence', { preHandler: app.requireUser }, async (req): Promise<MyPresence> => {
    await people.set(req.user.id, SetPresenceRequest.parse(req.body));
    return mine(req.user.id);
  });
};
