// The one HTTP client of the app server, built on the route table: the desktop main process and
// the web platform both call endpoints by route id. It validates the arguments with the table's
// schemas before sending, adds the access token to every non-public route, refreshes once and
// retries once on a 401, and parses the answer with the table's schema (unknown keys dropped),
// so only what the table names reaches the caller. Failures are ApiErrors with a code.
import { ApiErrorBody } from './errors.js';
import { pathOf, type CallParams, type ResponseOf, type RouteSpec } from './route.js';
import { API, type Api, type RouteId } from './table.js';

/** Codes of the client itself, beside the server's own (which pass through unchanged). */
export type ClientErrorCode = 'INVALID_ARGUMENT' | 'NOT_SIGNED_IN' | 'NETWORK' | 'BAD_RESPONSE';

export class ApiError extends Error {
  constructor(
    readonly code: ClientErrorCode | (string & {}),
    message: string,
    /** The HTTP status, when the server answered. */
    readonly status?: number,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'ApiError';
  }
}

/** Where the signed-in session comes from (the desktop's AuthService, the web's tab session). */
export interface ApiSession {
  /** The server signed in to and a current access token (refreshed first when due). */
  current(): Promise<{ serverUrl: string; accessToken: string }>;
  /** Called once after the server refused `staleToken`: a fresh token, or it throws. */
  refreshAfterRejection(staleToken: string): Promise<string>;
}

export interface ApiClientOptions {
  /** Needed for every route but the public ones. */
  session?: ApiSession;
  /** The server of public calls that name none; null when there is none. */
  publicServerUrl?: () => string | null;
  fetch?: typeof fetch;
  /** Per request, beyond what a long-poll route holds the answer (default 15 s). */
  timeoutMs?: number;
}

export interface CallOptions {
  /** Public routes only: the server to call (a guest's invite names its own). */
  serverUrl?: string;
}

export type ApiCall = <Id extends RouteId>(
  id: Id,
  ...rest: CallParams<Api[Id], CallOptions>
) => Promise<ResponseOf<Api[Id]>>;

export function createApiClient(opts: ApiClientOptions): ApiCall {
  const fetchImpl = opts.fetch ?? ((input, init) => fetch(input, init));
  const call = async (id: RouteId, args: Record<string, unknown> = {}, options: CallOptions = {}) => {
    const spec: RouteSpec = API[id];
    const request = prepare(id, spec, args);
    if (spec.access === 'public') {
      const serverUrl = options.serverUrl ?? opts.publicServerUrl?.() ?? null;
      if (!serverUrl)
        throw new ApiError('INVALID_ARGUMENT', 'Which server? Give the invite link or a server URL.');
      return send(fetchImpl, serverUrl, spec, request, undefined, opts.timeoutMs);
    }
    if (!opts.session) throw new ApiError('NOT_SIGNED_IN', 'Sign in first.');
    const { serverUrl, accessToken } = await opts.session.current();
    if (options.serverUrl && options.serverUrl.replace(/\/+$/, '') !== serverUrl.replace(/\/+$/, '')) {
      throw new ApiError('INVALID_ARGUMENT', `${id} goes to the server you are signed in to.`);
    }
    try {
      return await send(fetchImpl, serverUrl, spec, request, accessToken, opts.timeoutMs);
    } catch (err) {
      if (!(err instanceof ApiError) || err.status !== 401) throw err;
      const fresh = await opts.session.refreshAfterRejection(accessToken);
      return send(fetchImpl, serverUrl, spec, request, fresh, opts.timeoutMs);
    }
  };
  return call as ApiCall;
}

interface Prepared {
  path: string;
  body?: unknown;
}

/** The arguments checked against the table, as the server will check them. */
function prepare(id: RouteId, spec: RouteSpec, args: Record<string, unknown>): Prepared {
  const parse = (part: 'params' | 'query' | 'body') => {
    const schema = spec[part];
    if (!schema) {
      if (args[part] !== undefined) throw new ApiError('INVALID_ARGUMENT', `${id} takes no ${part}.`);
      return undefined;
    }
    const parsed = schema.safeParse(args[part] ?? (part === 'query' ? {} : undefined));
    if (parsed.success) return parsed.data as unknown;
    const issue = parsed.error.issues[0];
    const where = [part, ...(issue?.path ?? [])].join('.');
    throw new ApiError('INVALID_ARGUMENT', `${id}: ${where}: ${issue?.message ?? 'invalid'}`);
  };
  const params = parse('params') as Record<string, string> | undefined;
  const query = parse('query') as Record<string, unknown> | undefined;
  const body = parse('body');
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {}))
    if (value !== undefined) search.set(key, String(value));
  const qs = search.size ? `?${search}` : '';
  return { path: pathOf(spec, params) + qs, ...(body !== undefined ? { body } : {}) };
}

async function send(
  fetchImpl: typeof fetch,
  serverUrl: string,
  spec: RouteSpec,
  request: Prepared,
  accessToken: string | undefined,
  timeoutMs = 15_000,
): Promise<unknown> {
  const base = serverUrl.endsWith('/') ? serverUrl : `${serverUrl}/`;
  const url = new URL(request.path.slice(1), base);
  const headers: Record<string, string> = { accept: spec.responseType ?? 'application/json' };
  if (request.body !== undefined) headers['content-type'] = spec.requestType ?? 'application/json';
  if (accessToken) headers.authorization = `Bearer ${accessToken}`;
  let res: Response;
  try {
    res = await fetchImpl(url, {
      method: spec.method,
      headers,
      ...(request.body !== undefined ? { body: JSON.stringify(request.body) } : {}),
      signal: AbortSignal.timeout(timeoutMs + (spec.holdsSeconds ?? 0) * 1000),
      redirect: 'error',
    });
  } catch (cause) {
    throw new ApiError('NETWORK', `The server at ${url.origin} cannot be reached.`, undefined, { cause });
  }
  const text = await res.text();
  if (!res.ok) throw errorFrom(res.status, text);
  if (!spec.response) return undefined;
  if (spec.responseType) return text;
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (cause) {
    throw new ApiError(
      'BAD_RESPONSE',
      `The server answered ${spec.path} with something that is not JSON.`,
      res.status,
      {
        cause,
      },
    );
  }
  const parsed = spec.response.safeParse(json);
  if (!parsed.success) {
    throw new ApiError(
      'BAD_RESPONSE',
      `The server's answer to ${spec.path} has an unexpected shape.`,
      res.status,
      {
        cause: parsed.error,
      },
    );
  }
  return parsed.data;
}

function errorFrom(status: number, text: string): ApiError {
  let body: ApiErrorBody | undefined;
  try {
    const parsed = ApiErrorBody.safeParse(JSON.parse(text));
    if (parsed.success) body = parsed.data;
  } catch {
    body = undefined; // not JSON (a proxy's error page, say): a generic sentence below
  }
  const code = body?.error.code ?? (status === 401 ? 'UNAUTHORIZED' : `HTTP_${status}`);
  return new ApiError(code, body?.error.message ?? `The server answered with HTTP ${status}.`, status);
}
