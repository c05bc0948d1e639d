// The directory of colleagues with their presence, and the presence my own clients set (issue 13).
import { route } from '../route.js';
import { MyPresence, PeopleList, PeopleQuery, SetPresenceRequest } from '../../people.js';

export const peopleRoutes = {
  'people.list': route({
    method: 'GET',
    path: '/people',
    summary: 'Colleagues with their presence; `q` matches a word of the name, or the username',
    access: 'user',
    query: PeopleQuery,
    status: 200,
    response: PeopleList,
  }),
  'presence.get': route({
    method: 'GET',
    path: '/presence',
    summary: 'My chosen status, whether I am in a meeting, and the presence others see',
    access: 'user',
    status: 200,
    response: MyPresence,
  }),
  'presence.set': route({
    method: 'PUT',
    path: '/presence',
    summary:
      'Set my status (available, do not disturb) and whether a client of mine is in a meeting (the server clears the latter when my last client disconnects)',
    access: 'user',
    body: SetPresenceRequest,
    status: 200,
    response: MyPresence,
  }),
} as const;
