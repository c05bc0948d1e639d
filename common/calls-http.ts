// HTTP client for the people, presence and calls endpoints, shared by the desktop main process
// and the web client. Not on the route table yet (common/api/): these endpoints were built
// alongside it and move onto it next; until then this client adds the access token itself and
// retries once after a refresh, like the table's client. Answers are validated with the schemas.
import type { z } from 'zod';
import { ApiErrorBody } from './api.js';
import { CallList, CallView, MissedCount, type PlaceCallRequest } from './calls.js';
import { MyPresence, PeopleList, type SetPresenceRequest } from './people.js';

export interface TokenSource {
  current(): Promise<{ serverUrl: string; accessToken: string }>;
  refreshAfterRejection(staleToken: string): Promise<string>;
}

export class CallsHttpError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status?: number,
  ) {
    super(message);
    this.name = 'CallsHttpError';
  }
}

export class CallsHttp {
  constructor(
    private readonly tokens: TokenSource,
    private readonly fetchImpl: typeof fetch = (input, init) => fetch(input, init),
  ) {}

  people = async (q?: string) =>
    (await this.send('GET', `/people${q ? `?q=${encodeURIComponent(q)}` : ''}`, PeopleList)).people;
  presence = () => this.send('GET', '/presence', MyPresence);
  setPresence = (change: SetPresenceRequest) => this.send('PUT', '/presence', MyPresence, change);
  place = (request: PlaceCallRequest) => this.send('POST', '/calls', CallView, request);
  act = (call: string, action: 'answer' | 'decline' | 'cancel' | 'add', body: object = {}) =>
    this.send('POST', `/calls/${encodeURIComponent(call)}/${action}`, CallView, body);
  list = (missed?: boolean) => this.send('GET', `/calls${missed ? '?missed=true' : ''}`, CallList);
  missedCount = () => this.send('GET', '/calls/missed/count', MissedCount);
  markSeen = () => this.send('POST', '/calls/missed/seen', MissedCount, {});

  private async send<S extends z.ZodType>(method: string, path: string, schema: S, body?: unknown) {
    const { serverUrl, accessToken } = await this.tokens.current();
    let response = await this.fetchOnce(serverUrl, method, path, accessToken, body);
    if (response.status === 401) {
      const fresh = await this.tokens.refreshAfterRejection(accessToken);
      response = await this.fetchOnce(serverUrl, method, path, fresh, body);
    }
    const json: unknown = await response.json().catch(() => undefined);
    if (!response.ok) {
      const error = ApiErrorBody.safeParse(json);
      throw error.success
        ? new CallsHttpError(error.data.error.code, error.data.error.message, response.status)
        : new CallsHttpError('HTTP', `The server answered ${response.status}.`, response.status);
    }
    const parsed = schema.safeParse(json);
    if (!parsed.success) throw new CallsHttpError('BAD_RESPONSE', `Unexpected answer from ${path}.`);
    return parsed.data as z.output<S>;
  }

  private async fetchOnce(serverUrl: string, method: string, path: string, token: string, body: unknown) {
    try {
      return await this.fetchImpl(new URL(path, serverUrl), {
        method,
        headers: {
          authorization: `Bearer ${token}`,
          ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        },
        ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
      });
    } catch {
      throw new CallsHttpError('NETWORK', 'Cannot reach the server. Check your connection.');
    }
  }
}
