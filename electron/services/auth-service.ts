// Signing in and staying signed in. The access token lives in memory only; the refresh token
// lives in the credential store under `${serverUrl}|${username}` and is rotated on every use.
// Refreshes are single-flight: the server rotates refresh tokens, so two at once would race.
import {
  ApiError,
  createApiClient,
  type ApiCall,
  type ApiSession,
  type Session,
  type User,
} from '../../common/api.js';
import type { AuthState, EffectivePolicy } from '../contract.js';
import { accountFor, parseAccount, type CredentialStore } from './credential-store.js';
import { ServiceError } from './errors.js';
import type { Logger } from './logger.js';
import type { SettingsStore } from './settings-store.js';
import { effectiveServerUrl } from './policy.js';

export interface AuthServiceOptions {
  store: CredentialStore;
  storeWarning?: string;
  settings: SettingsStore;
  policy: EffectivePolicy;
  log: Logger;
  fetch?: typeof fetch;
  now?: () => number;
  /** Refresh this long before the access token expires. */
  refreshMarginMs?: number;
  onChange?: (state: AuthState) => void;
}

interface ActiveSession {
  serverUrl: string;
  user: User;
  accessToken: string;
  accessExpiresAt: number;
  refreshToken: string;
}

/** A refused token: the server answered 401, so it is dead for good (not a network failure). */
const refused = (err: unknown) => err instanceof ApiError && err.status === 401;

export class AuthService implements ApiSession {
  private session: ActiveSession | undefined;
  private refreshing: Promise<ActiveSession> | undefined;
  private timer: NodeJS.Timeout | undefined;
  private warning: string | undefined;
  /** Only the public sign-in routes go through this client; the session's calls use their own. */
  private readonly api: ApiCall;
  private readonly now: () => number;

  constructor(private readonly opts: AuthServiceOptions) {
    this.api = createApiClient(opts.fetch ? { fetch: opts.fetch } : {});
    this.now = opts.now ?? Date.now;
    this.warning = opts.storeWarning;
  }

  status(): AuthState {
    const { policy, settings, store } = this.opts;
    const state: AuthState = {
      signedIn: this.session !== undefined,
      serverUrl: this.session?.serverUrl ?? effectiveServerUrl(policy, settings.get()) ?? '',
      serverUrlLocked: policy.lockServerUrl,
      credentialStore: store.kind,
    };
    if (this.session) state.user = this.session.user;
    if (this.warning) state.warning = this.warning;
    return state;
  }

  async signIn(serverUrlInput: string, username: string, password: string): Promise<AuthState> {
    const serverUrl = normalizeServerUrl(serverUrlInput);
    const { policy } = this.opts;
    if (policy.lockServerUrl && policy.serverUrl && serverUrl !== normalizeServerUrl(policy.serverUrl)) {
      throw new ServiceError(
        'SERVER_URL_LOCKED',
        `Your organisation requires signing in to ${policy.serverUrl}.`,
      );
    }
    if (this.session) await this.signOut();
    const answer = await this.api('auth.login', { body: { username, password } }, { serverUrl });
    await this.adopt(serverUrl, answer);
    await this.opts.settings.update({ serverUrl });
    this.opts.log.info('signed in', { serverUrl, username: answer.user.username });
    return this.changed();
  }

  /** Silent sign-in at launch from a stored refresh token. Never throws. */
  async restore(): Promise<AuthState> {
    const target = effectiveServerUrl(this.opts.policy, this.opts.settings.get());
    try {
      const accounts = (await this.opts.store.accounts()).map(parseAccount).filter((a) => a !== undefined);
      const account = accounts.find((a) => !target || a.serverUrl === normalizeServerUrl(target));
      if (!account) return this.status();
      const key = accountFor(account.serverUrl, account.username);
      const refreshToken = await this.opts.store.get(key);
      if (!refreshToken) return this.status();
      try {
        await this.refreshWith(account.serverUrl, account.username, refreshToken);
      } catch (err) {
        // A refused token is dead for good; a network failure keeps it for the next launch.
        if (refused(err)) await this.opts.store.delete(key);
        throw err;
      }
      this.opts.log.info('signed in silently', { serverUrl: account.serverUrl });
    } catch (err) {
      this.opts.log.warn('silent sign-in failed', err);
    }
    return this.changed();
  }

  async signOut(): Promise<AuthState> {
    const session = this.session;
    this.session = undefined;
    this.clearTimer();
    if (session) {
      await this.opts.store.delete(accountFor(session.serverUrl, session.user.username));
      try {
        const body = { refreshToken: session.refreshToken };
        await this.api('auth.logout', { body }, { serverUrl: session.serverUrl });
      } catch (err) {
        // The local sign-out already happened; the server session expires on its own.
        this.opts.log.warn('server logout failed', err);
      }
    }
    return this.changed();
  }

  async current(): Promise<{ serverUrl: string; accessToken: string }> {
    let session = this.requireSession();
    if (this.now() >= session.accessExpiresAt - this.margin()) session = await this.refresh();
    return { serverUrl: session.serverUrl, accessToken: session.accessToken };
  }

  async refreshAfterRejection(staleToken: string): Promise<string> {
    const session = this.requireSession();
    if (session.accessToken !== staleToken) return session.accessToken;
    return (await this.refresh()).accessToken;
  }

  /** Rotates the tokens now (single-flight). On a refused refresh token the session ends. */
  refresh(): Promise<ActiveSession> {
    const session = this.requireSession();
    this.refreshing ??= this.refreshWith(session.serverUrl, session.user.username, session.refreshToken)
      .catch(async (err: unknown) => {
        if (refused(err)) await this.expire(session);
        throw err;
      })
      .finally(() => (this.refreshing = undefined));
    return this.refreshing;
  }

  dispose(): void {
    this.clearTimer();
  }

  private async refreshWith(
    serverUrl: string,
    username: string,
    refreshToken: string,
  ): Promise<ActiveSession> {
    const answer = await this.api('auth.refresh', { body: { refreshToken } }, { serverUrl });
    if (answer.user.username !== username)
      throw new ServiceError('BAD_RESPONSE', 'The server switched users.');
    return this.adopt(serverUrl, answer);
  }

  private async adopt(serverUrl: string, answer: Session): Promise<ActiveSession> {
    await this.opts.store.set(accountFor(serverUrl, answer.user.username), answer.refreshToken);
    this.session = {
      serverUrl,
      user: answer.user,
      accessToken: answer.accessToken,
      accessExpiresAt: Date.parse(answer.accessTokenExpiresAt),
      refreshToken: answer.refreshToken,
    };
    this.schedule(this.session);
    return this.session;
  }

  private async expire(session: ActiveSession): Promise<void> {
    if (this.session !== session) return;
    this.session = undefined;
    this.clearTimer();
    await this.opts.store.delete(accountFor(session.serverUrl, session.user.username));
    this.opts.log.warn('the server ended the session; sign in again');
    this.changed();
  }

  private schedule(session: ActiveSession): void {
    this.clearTimer();
    const delay = Math.max(1_000, session.accessExpiresAt - this.margin() - this.now());
    this.timer = setTimeout(() => {
      this.refresh().catch((err: unknown) => {
        this.opts.log.warn('scheduled refresh failed', err);
        // A network hiccup: try again soon, the access token may still be valid for a while.
        if (this.session === session) this.timer = setTimeout(() => this.schedule(session), 30_000).unref();
      });
    }, delay).unref();
  }

  private clearTimer(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }

  private margin(): number {
    return this.opts.refreshMarginMs ?? 60_000;
  }

  private requireSession(): ActiveSession {
    if (!this.session) throw new ServiceError('NOT_SIGNED_IN', 'Sign in first.');
    return this.session;
  }

  private changed(): AuthState {
    const state = this.status();
    this.opts.onChange?.(state);
    return state;
  }
}

/** One spelling per server, so the keychain account and the policy compare equal. */
export function normalizeServerUrl(input: string): string {
  const url = new URL(input);
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
}
