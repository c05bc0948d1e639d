// What one endpoint of the app server is: everything the server needs to register, validate,
// serialize and document it, and everything a client needs to call it and parse the answer.
// The table (table.ts) is a record of these, keyed by a route id such as 'rooms.create'.
import type { z } from 'zod';
import type { ErrorCode } from './errors.js';

/**
 * Who may call an endpoint:
 * - public: anyone (sign-in, guest joins, the waiting poll, LiveKit's signed webhooks);
 * - user: a signed-in user (`Authorization: Bearer <access token>`);
 * - admin: a signed-in administrator;
 * - host: a signed-in host of the room named by the `id` path parameter.
 */
export type Access = 'public' | 'user' | 'admin' | 'host';

export type HttpMethod = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

export interface RouteSpec {
  readonly method: HttpMethod;
  /** Fastify path syntax: /rooms/:id/join. */
  readonly path: `/${string}`;
  /** One line for the API page. */
  readonly summary: string;
  readonly access: Access;
  readonly params?: z.ZodObject;
  readonly query?: z.ZodObject;
  readonly body?: z.ZodType;
  /** The status of a successful answer. */
  readonly status: 200 | 201 | 202 | 204;
  /** The body of a successful answer; absent for 204. */
  readonly response?: z.ZodType;
  /** Request and answer media types when they are not JSON. */
  readonly requestType?: string;
  readonly responseType?: string;
  /** A long-poll: the server may hold the answer this long before it answers. */
  readonly holdsSeconds?: number;
  /** Codes this endpoint answers beyond those its access and schemas imply (see errorsOf). */
  readonly errors?: readonly ErrorCode[];
}

/** Declares one table entry; `const` keeps the literal types the server and clients infer from. */
export const route = <const R extends RouteSpec>(spec: R): R => spec;

/** Every code an endpoint may answer: its own, plus those implied by its access and schemas. */
export function errorsOf(spec: RouteSpec): ErrorCode[] {
  const codes = new Set<ErrorCode>(spec.errors ?? []);
  if (spec.params || spec.query || spec.body) codes.add('VALIDATION');
  if (spec.body) codes.add('PAYLOAD_TOO_LARGE');
  if (spec.access !== 'public') codes.add('UNAUTHORIZED');
  if (spec.access === 'admin' || spec.access === 'host') codes.add('FORBIDDEN');
  if (spec.access === 'host') codes.add('NOT_FOUND');
  return [...codes];
}

type Out<S> = S extends z.ZodType ? z.output<S> : undefined;
type In<S> = S extends z.ZodType ? z.input<S> : undefined;

/** What the server's handler receives after validation (defaults applied). */
export type ParamsOf<R extends RouteSpec> = Out<R['params']>;
export type QueryOf<R extends RouteSpec> = Out<R['query']>;
export type BodyOf<R extends RouteSpec> = Out<R['body']>;
/** What a successful call answers (undefined for 204). */
export type ResponseOf<R extends RouteSpec> = Out<R['response']>;

/** What a client passes to call an endpoint (before defaults): only the parts it has. */
export type CallArgs<R extends RouteSpec> = (R['params'] extends z.ZodType
  ? { params: In<R['params']> }
  : { params?: undefined }) &
  (R['query'] extends z.ZodType ? { query?: In<R['query']> } : { query?: undefined }) &
  (R['body'] extends z.ZodType ? { body: In<R['body']> } : { body?: undefined });

/** A call's arguments and options; the arguments may be left out where none is required. */
export type CallParams<R extends RouteSpec, O> =
  object extends CallArgs<R> ? [args?: CallArgs<R>, options?: O] : [args: CallArgs<R>, options?: O];

/** The path with its parameters filled in (each one URL-encoded). */
export function pathOf(spec: RouteSpec, params: Record<string, string> | undefined): string {
  return spec.path.replace(/:(\w+)/g, (_, name: string) => {
    const value = params?.[name];
    if (value === undefined) throw new Error(`${spec.path}: the parameter ${name} is missing`);
    return encodeURIComponent(value);
  });
}
