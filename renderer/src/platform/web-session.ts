// The signed-in session of a browser tab, against the app server that served the page. The
// access token lives only in memory, the refresh token in sessionStorage (gone with the tab),
// never in localStorage. Refreshes are single-flight: the server rotates refresh tokens.
import { ApiError, type ApiCall, type ApiSession, type Session, type User } from '../../../common/api.js';

const REFRESH_KEY = 'convene.refreshToken';

export class WebSession implements ApiSession {
  #accessToken: string | null = null;
  #user: User | null = null;
  #refreshing: Promise<boolean> | null = null;
  readonly #listeners = new Set<(user: User | null) => void>();

  /** `publicApi` is a client for the public sign-in routes of this page's server. */
  constructor(
    readonly serverUrl: string,
    private readonly publicApi: ApiCall,
  ) {}

  get user(): User | null {
    return this.#user;
  }

  onChanged(listener: (user: User | null) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  async signIn(username: string, password: string): Promise<User> {
    return this.#adopt(await this.publicApi('auth.login', { body: { username, password } }));
  }

  /** Ends the session on the server (revoking the refresh token) and here, whatever the answer. */
  async signOut(): Promise<void> {
    const refreshToken = sessionStorage.getItem(REFRESH_KEY);
    try {
      if (refreshToken) await this.publicApi('auth.logout', { body: { refreshToken } });
    } finally {
      this.#forget();
    }
  }

  /** Restores a session from the tab's refresh token, if there is one that still works. */
  restore(): Promise<boolean> {
    this.#refreshing ??= this.#refresh().finally(() => (this.#refreshing = null));
    return this.#refreshing;
  }

  async current(): Promise<{ serverUrl: string; accessToken: string }> {
    if (!this.#accessToken) throw new ApiError('NOT_SIGNED_IN', 'Sign in first.');
    return { serverUrl: this.serverUrl, accessToken: this.#accessToken };
  }

  async refreshAfterRejection(staleToken: string): Promise<string> {
    if (this.#accessToken && this.#accessToken !== staleToken) return this.#accessToken;
    if (!(await this.restore()) || !this.#accessToken) {
      throw new ApiError('UNAUTHORIZED', 'Your session has ended; sign in again.', 401);
    }
    return this.#accessToken;
  }

  async #refresh(): Promise<boolean> {
    const refreshToken = sessionStorage.getItem(REFRESH_KEY);
    if (!refreshToken) return false;
    try {
      this.#adopt(await this.publicApi('auth.refresh', { body: { refreshToken } }));
      return true;
    } catch (err) {
      // The server refused the token: it is dead for good. A network failure keeps it.
      if (!(err instanceof ApiError) || err.status === undefined) throw err;
      this.#forget();
      return false;
    }
  }

  #adopt(session: Session): User {
    this.#accessToken = session.accessToken;
    this.#user = session.user;
    sessionStorage.setItem(REFRESH_KEY, session.refreshToken);
    for (const listener of this.#listeners) listener(session.user);
    return session.user;
  }

  #forget(): void {
    const hadUser = this.#user !== null;
    this.#accessToken = null;
    this.#user = null;
    sessionStorage.removeItem(REFRESH_KEY);
    if (hadUser) for (const listener of this.#listeners) listener(null);
  }
}
