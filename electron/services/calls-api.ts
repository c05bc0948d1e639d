// The contract's people.*, presence.* and calls.* methods, over common/calls-http.ts.
import { CallsHttp, CallsHttpError, type TokenSource } from '../../common/calls-http.js';
import type { MethodName, MethodResult, ParsedArgs } from '../contract.js';
import { ServiceError, type ServiceErrorCode } from './errors.js';

type Handler<M extends MethodName> = (args: ParsedArgs<M>) => Promise<MethodResult<M>>;
type CallsMethod = Extract<MethodName, `people.${string}` | `presence.${string}` | `calls.${string}`>;
export type CallsHandlers = { [M in CallsMethod]: Handler<M> };

export function callsHandlers(http: CallsHttp, toError: (err: CallsHttpError) => Error): CallsHandlers {
  const wrap =
    <A extends unknown[], R>(fn: (...a: A) => Promise<R>) =>
    async (...a: A): Promise<R> => {
      try {
        return await fn(...a);
      } catch (err) {
        throw err instanceof CallsHttpError ? toError(err) : err;
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

export function desktopCallsHandlers(tokens: TokenSource, fetchImpl?: typeof fetch): CallsHandlers {
  return callsHandlers(
    new CallsHttp(tokens, fetchImpl),
    // The server's own code passes through, as for the route table's calls.
    (err) =>
      new ServiceError(
        err.code as ServiceErrorCode,
        err.message,
        err.status !== undefined ? { status: err.status } : {},
      ),
  );
}
