// Calls the app server as the signed-in user: adds the access token, and on a 401 asks the
// token source to refresh once and retries once. Typed with common/api.ts.
import { ServiceError } from './errors.js';
import { requestJson, type FetchPort, type RequestOptions } from './http.js';

/** What the client needs from the auth service. */
export interface TokenSource {
  /** The server signed in to and a current access token (refreshed first if due). */
  current(): Promise<{ serverUrl: string; accessToken: string }>;
  /** Called after the server refused `staleToken`; returns a new token or throws. */
  refreshAfterRejection(staleToken: string): Promise<string>;
}

export class BackendClient {
  constructor(
    private readonly tokens: TokenSource,
    private readonly fetchImpl: FetchPort = fetch,
  ) {}

  async call<T>(opts: Omit<RequestOptions<T>, 'accessToken'>): Promise<T> {
    const { serverUrl, accessToken } = await this.tokens.current();
    try {
      return await requestJson(this.fetchImpl, serverUrl, { ...opts, accessToken });
    } catch (err) {
      if (!(err instanceof ServiceError) || err.status !== 401) throw err;
      const fresh = await this.tokens.refreshAfterRejection(accessToken);
      return requestJson(this.fetchImpl, serverUrl, { ...opts, accessToken: fresh });
    }
  }
}
