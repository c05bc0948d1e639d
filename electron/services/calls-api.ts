// The contract's people.*, presence.* and calls.* methods, each one app server call, answers
// parsed with the schemas of common/people.ts and common/calls.ts.
import { CallList, CallView, MissedCount } from '../../common/calls.js';
import { MyPresence, PeopleList } from '../../common/people.js';
import type { MethodName, MethodResult, ParsedArgs } from '../contract.js';
import type { BackendClient } from './backend-client.js';

type Handler<M extends MethodName> = (args: ParsedArgs<M>) => Promise<MethodResult<M>>;
type CallsMethod = Extract<MethodName, `people.${string}` | `presence.${string}` | `calls.${string}`>;
export type CallsHandlers = { [M in CallsMethod]: Handler<M> };

const at = (call: string, action: string) => `/calls/${encodeURIComponent(call)}/${action}`;

export function callsApi(backend: BackendClient): CallsHandlers {
  const post = (path: string, body: object = {}) =>
    backend.call({ method: 'POST', path, body, schema: CallView });
  return {
    'people.search': async (args) => {
      const query = new URLSearchParams();
      if (args?.q) query.set('q', args.q);
      if (args?.limit) query.set('limit', String(args.limit));
      return (await backend.call({ method: 'GET', path: `/people?${query}`, schema: PeopleList })).people;
    },
    'presence.get': () => backend.call({ method: 'GET', path: '/presence', schema: MyPresence }),
    'presence.set': (args) =>
      backend.call({ method: 'PUT', path: '/presence', body: args, schema: MyPresence }),
    'calls.place': (args) => post('/calls', args),
    'calls.answer': ({ call }) => post(at(call, 'answer')),
    'calls.decline': ({ call, message }) => post(at(call, 'decline'), message ? { message } : {}),
    'calls.cancel': ({ call }) => post(at(call, 'cancel')),
    'calls.add': ({ call, userId }) => post(at(call, 'add'), { userId }),
    'calls.list': (args) =>
      backend.call({ method: 'GET', path: `/calls${args?.missed ? '?missed=true' : ''}`, schema: CallList }),
    'calls.missedCount': () =>
      backend.call({ method: 'GET', path: '/calls/missed/count', schema: MissedCount }),
    'calls.markSeen': () =>
      backend.call({ method: 'POST', path: '/calls/missed/seen', body: {}, schema: MissedCount }),
  };
}
