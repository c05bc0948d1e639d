// HTTP client for the app server, used by the web platform. The access token lives only in
// memory; the refresh token in sessionStorage (gone with the tab), never in localStorage.
// Every answer is validated with the shared schemas before the UI sees it.
import type { z } from 'zod';
import { ApiErrorBody, Session, type User } from '../../../common/api.js';
import { PlatformError } from './platform.js';

const REFRESH_KEY = 'convene.refreshToken';

export class ApiClient {
  #accessToken: string | null = null;
  #user: User | null = null;
  #refreshing: Promise<boolean> | null = null;
  readonly #listeners = new Set<(user: User | null) => void>();

  constructor(readonly baseUrl: string) {}

  /** The current access token, refreshing first when there is none (null when signed out). */
  async accessToken(forceRefresh = false): Promise<string | null> {
    if ((forceRefresh || !this.#accessToken) && !(await this.refresh())) return null;
    return this.#accessToken;
  }

  get user(): User | null {
    return this.#user;
  }

  onChanged(listener: (user: User | null) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  adoptSession(session: Session): User {
    this.#accessToken = session.accessToken;
    this.#user = session.user;
    sessionStorage.setItem(REFRESH_KEY, session.refreshToken);
    for (const listener of this.#listeners) listener(session.user);
    return session.user;
  }

  forgetSession(): void {
    const hadUser = this.#user !== null;
    this.#accessToken = null;
    this.#user = null;
    sessionStorage.removeItem(REFRESH_KEY);
    if (hadUser) for (const listener of this.#listeners) listener(null);
  }

  /** Ends the session on the server (revoking the refresh token) and here, whatever the answer. */
  async logout(): Promise<void> {
    const refreshToken = sessionStorage.getItem(REFRESH_KEY);
    try {
      if (refreshToken) await this.request('POST', '/auth/logout', { refreshToken }, { auth: false });
    } finally {
      this.forgetSession();
    }
  }

  /** Restores a session from the tab's refresh token, if there is one that still works. */
  refresh(): Promise<boolean> {
    this.#refreshing ??= this.#doRefresh().finally(() => (this.#refreshing = null));
    return this.#refreshing;
  }

  async #doRefresh(): Promise<boolean> {
    const refreshToken = sessionStorage.getItem(REFRESH_KEY);
    if (!refreshToken) return false;
    try {
      const session = await this.send('POST', '/auth/refresh', Session, { refreshToken }, { auth: false });
      this.adoptSession(session);
      return true;
    } catch (err) {
      if (!(err instanceof PlatformError) || err.status === undefined) throw err;
      this.forgetSession();
      return false;
    }
  }

  /** Sends a request whose answer carries nothing the UI needs. */
  async request(
    method: string,
    path: string,
    body?: unknown,
    options: { auth?: boolean } = {},
  ): Promise<void> {
    await this.send(method, path, null, body, options);
  }

  /** Sends a request and validates the answer; retries once after refreshing an expired token. */
  async send<S extends z.ZodType>(
    method: string,
    path: string,
    schema: S | null,
    body?: unknown,
    options: { auth?: boolean } = {},
  ): Promise<z.infer<S>> {
    const auth = options.auth ?? true;
    let response = await this.#fetch(method, path, body, auth);
    if (response.status === 401 && auth && (await this.refresh())) {
      response = await this.#fetch(method, path, body, auth);
    }
    const text = await response.text();
    const json: unknown = text ? safeJson(text) : undefined;
    if (!response.ok) {
      const parsed = ApiErrorBody.safeParse(json);
      if (response.status === 401 && auth) this.forgetSession();
      throw parsed.success
        ? new PlatformError(parsed.data.error.code, parsed.data.error.message, response.status)
        : new PlatformError('HTTP', `The server answered ${response.status}.`, response.status);
    }
    if (!schema) return undefined as z.infer<S>;
    const parsed = schema.safeParse(json);
    if (!parsed.success) throw new PlatformError('BAD_RESPONSE', `Unexpected answer from ${path}.`);
    return parsed.data;
  }

  async #fetch(method: string, path: string, body: unknown, auth: boolean): Promise<Response> {
    const headers: Record<string, string> = {};
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (auth && this.#accessToken) headers.authorization = `Bearer ${this.#accessToken}`;
    try {
      return await fetch(new URL(path, this.baseUrl), {
        method,
        headers,
        ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
      });
    } catch (cause) {
      throw new PlatformError('NETWORK', 'Cannot reach the server. Check your connection.', undefined, {
        cause,
      });
    }
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
