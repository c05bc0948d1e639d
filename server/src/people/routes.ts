// The handlers of the people and presence endpoints of the route table (common/api/routes/people.ts).
// A change of my presence that others would see is pushed to them (presence-events.ts).
import type { FastifyPluginAsync } from 'fastify';
import type { MyPresence } from '../../../common/people.js';
import { serve } from '../api/serve.js';
import type { PresenceEvents } from './presence-events.js';
import { effectivePresence, type PeopleStore } from './store.js';

export interface PeopleRoutesOptions {
  people: PeopleStore;
  events: PresenceEvents;
}

export const peopleRoutes: FastifyPluginAsync<PeopleRoutesOptions> = async (app, { people, events }) => {
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
      const before = await events.presenceOf(req.user.id);
      await people.set(req.user.id, req.body);
      const now = await mine(req.user.id);
      await events.announceIfChanged(req.user.id, before, now.presence);
      return now;
    },
  });
};
