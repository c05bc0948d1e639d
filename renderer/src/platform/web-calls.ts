// The contract's people.*, presence.* and calls.* methods in a browser, over common/calls-http.ts
// with this tab's session (errors become PlatformErrors, like every other web method).
import { CallsHttp, CallsHttpError } from '../../../common/calls-http.js';
import type { MethodHandlers } from './platform.js';
import { PlatformError } from './platform.js';
import type { WebSession } from './web-session.js';

type CallsMethod = Extract<
  keyof MethodHandlers,
  `people.${string}` | `presence.${string}` | `calls.${string}`
>;

export function webCallsHandlers(session: WebSession): Pick<MethodHandlers, CallsMethod> {
  const http = new CallsHttp(session);
  const wrap =
    <A extends unknown[], R>(fn: (...a: A) => Promise<R>) =>
    async (...a: A): Promise<R> => {
      try {
        return await fn(...a);
      } catch (err) {
        if (err instanceof CallsHttpError) throw new PlatformError(err.code, err.message, err.status);
        throw err;
      }
    };
  return {
    'people.search': wrap(async (args) => http.people(args?.q)),
    'presence.get': wrap(() => http.presence()),
    'presence.set': wrap((args) => http.setPresence(args)),
    'calls.place': wrap((args) => http.place(args)),
    'calls.answer': wrap(({ call }) => http.act(call, 'answer')),
    'calls.decline': wrap(({ call, message }) => http.act(call, 'decline', message ? { message } : {})),
    'calls.cancel': wrap(({ call }) => http.act(call, 'cancel')),
    'calls.add': wrap(({ call, userId }) => http.act(call, 'add', { userId })),
    'calls.list': wrap(async (args) => http.list(args?.missed)),
    'calls.missedCount': wrap(() => http.missedCount()),
    'calls.markSeen': wrap(() => http.markSeen()),
  };
}
