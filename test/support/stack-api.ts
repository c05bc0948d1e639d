// Talking to an app server of a running stack over real HTTP, as a client would: JSON calls
// with a bearer token, and users created directly in its database.
import type { Session } from '../../common/api.js';
import type { Database } from '../../server/src/db/database.js';
import { UserStore } from '../../server/src/users/store.js';

export const STACK_PASSWORD = 'a long enough password for tests';

export interface ApiAnswer<T> {
  status: number;
  body: T;
}

export class StackApi {
  constructor(public baseUrl: string) {}

  /** Any status; the body parsed when it is JSON. */
  async request<T = unknown>(
    path: string,
    session: Session | null,
    init: RequestInit = {},
  ): Promise<ApiAnswer<T>> {
    const res = await fetch(`${this.baseUrl}${path}`, {
      ...init,
      headers: {
        ...(init.body ? { 'content-type': 'application/json' } : {}),
        ...(session ? { authorization: `Bearer ${session.accessToken}` } : {}),
        ...init.headers,
      },
    });
    const text = await res.text();
    const body = (res.headers.get('content-type')?.includes('json') ? JSON.parse(text) : text) as T;
    return { status: res.status, body };
  }

  /** Expects a 2xx and returns the body. */
  async call<T>(path: string, session: Session | null, init: RequestInit = {}): Promise<T> {
    const answer = await this.request<T>(path, session, init);
    if (answer.status >= 300) {
      throw new Error(`${init.method ?? 'GET'} ${path}: ${answer.status} ${JSON.stringify(answer.body)}`);
    }
    return answer.body;
  }

  post<T>(path: string, session: Session | null, body?: unknown): Promise<T> {
    return this.call<T>(path, session, { method: 'POST', ...(body ? { body: JSON.stringify(body) } : {}) });
  }

  login(username: string): Promise<Session> {
    return this.post<Session>('/auth/login', null, { username, password: STACK_PASSWORD });
  }
}

export async function createUsers(database: Database, usernames: readonly string[]): Promise<void> {
  const users = new UserStore(database.db);
  for (const username of usernames) {
    await users.create({ username, displayName: username.toUpperCase(), password: STACK_PASSWORD });
  }
}
