// An in-process app server on a throwaway database (SQLite or PostgreSQL), driven with inject(),
// plus helpers to create users and sign them in. LiveKit is the real server of a test stack when
// one is given; tests that never reach LiveKit point at a closed port instead.
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import type { Session } from '../../common/api.js';
import { build, type BuildOptions } from '../../server/src/app.js';
import { loadConfig, type Config } from '../../server/src/config.js';
import type { DialectName } from '../../server/src/db/database.js';
import { UserStore } from '../../server/src/users/store.js';
import { createTestDatabase, type TestDatabase } from './databases.js';
import type { Stack } from './stack.js';

export const TEST_PASSWORD = 'correct horse battery staple';
export const TEST_JWT_SECRET = 'test-jwt-secret-'.padEnd(48, 'x');

export interface CoreApp {
  app: FastifyInstance;
  config: Config;
  users: UserStore;
  database: TestDatabase;
  /** Creates a user with TEST_PASSWORD. */
  addUser(username: string, options?: { isAdmin?: boolean; displayName?: string }): Promise<string>;
  login(username: string, password?: string): Promise<Session>;
  /** inject() with the user's bearer token. */
  as(session: Session, options: InjectOptions): Promise<LightMyRequestResponse>;
  close(): Promise<void>;
}

let loginCounter = 0;

export async function startCoreApp(
  dialect: DialectName,
  options: { stack?: Stack; build?: BuildOptions; env?: Record<string, string> } = {},
): Promise<CoreApp> {
  const database = await createTestDatabase(dialect);
  const config = loadConfig({
    CONVENE_DATA_DIR: database.dataDir,
    CONVENE_JWT_SECRET: TEST_JWT_SECRET,
    CONVENE_PUBLIC_URL: 'https://meet.example.test',
    LIVEKIT_URL: options.stack?.livekitUrl ?? 'ws://127.0.0.1:1',
    LIVEKIT_API_KEY: options.stack?.keys.apiKey ?? 'APIunused',
    LIVEKIT_API_SECRET: options.stack?.keys.apiSecret ?? 'unused-secret-'.padEnd(40, 'x'),
    ...database.env,
    ...options.env,
  });
  const app = await build(config, { logLevel: 'silent', ...options.build });
  const users = new UserStore(app.database.db);
  return {
    app,
    config,
    users,
    database,
    async addUser(username, extra = {}) {
      const row = await users.create({
        username,
        displayName: extra.displayName ?? `${username[0]?.toUpperCase()}${username.slice(1)} Tester`,
        password: TEST_PASSWORD,
        isAdmin: extra.isAdmin ?? false,
      });
      return row.id;
    },
    async login(username, password = TEST_PASSWORD) {
      // A fresh address per sign-in, so helper logins never trip the per-address rate limit.
      loginCounter += 1;
      const remoteAddress = `192.0.2.${loginCounter % 250}`;
      const res = await app.inject({
        method: 'POST',
        url: '/auth/login',
        remoteAddress,
        payload: { username, password },
      });
      if (res.statusCode !== 200) throw new Error(`login ${username}: ${res.statusCode} ${res.body}`);
      return res.json<Session>();
    },
    as(session, injectOptions) {
      return app.inject({
        ...injectOptions,
        headers: { ...injectOptions.headers, authorization: `Bearer ${session.accessToken}` },
      });
    },
    async close() {
      await app.close();
      await database.drop();
    },
  };
}
