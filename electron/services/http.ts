// One HTTP call to the app server: JSON in and out, the answer validated with its common/api.ts
// schema, failures turned into coded ServiceErrors (the server's own code when it sent one).
import type { z } from 'zod';
import { ApiErrorBody } from '../../common/api.js';
import { ServiceError } from './errors.js';

export type FetchPort = typeof fetch;

export interface RequestOptions<T> {
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  path: string;
  body?: unknown;
  /** Schema of the answer; omit for calls whose answer carries nothing the app needs. */
  schema?: z.ZodType<T>;
  accessToken?: string;
  timeoutMs?: number;
}

export async function requestJson<T>(
  fetchImpl: FetchPort,
  baseUrl: string,
  opts: RequestOptions<T>,
): Promise<T> {
  const url = new URL(opts.path.replace(/^\//, ''), baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`);
  const headers: Record<string, string> = { accept: 'application/json' };
  if (opts.body !== undefined) headers['content-type'] = 'application/json';
  if (opts.accessToken) headers.authorization = `Bearer ${opts.accessToken}`;
  let res: Response;
  try {
    res = await fetchImpl(url, {
      method: opts.method,
      headers,
      body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
      signal: AbortSignal.timeout(opts.timeoutMs ?? 15_000),
      redirect: 'error',
    });
  } catch (err) {
    throw new ServiceError('NETWORK', `The server at ${url.origin} cannot be reached.`, { cause: err });
  }
  const text = await res.text();
  if (!res.ok) throw errorFromResponse(res.status, text);
  if (!opts.schema) return undefined as T;
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new ServiceError(
      'BAD_RESPONSE',
      `The server answered ${opts.path} with something that is not JSON.`,
      {
        cause: err,
      },
    );
  }
  const parsed = opts.schema.safeParse(json);
  if (!parsed.success) {
    throw new ServiceError('BAD_RESPONSE', `The server's answer to ${opts.path} has an unexpected shape.`, {
      cause: parsed.error,
    });
  }
  return parsed.data;
}

function errorFromResponse(status: number, text: string): ServiceError {
  let body: ApiErrorBody | undefined;
  try {
    const parsed = ApiErrorBody.safeParse(JSON.parse(text));
    if (parsed.success) body = parsed.data;
  } catch {
    // Not JSON (a proxy's error page, say): fall through to a generic sentence.
    body = undefined;
  }
  const code = body?.error.code ?? (status === 401 ? 'UNAUTHORIZED' : `HTTP_${status}`);
  const message = body?.error.message ?? `The server answered with HTTP ${status}.`;
  return new ServiceError(code, message, { status });
}
