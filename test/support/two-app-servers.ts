// Two app-server processes on one fresh PostgreSQL database, for the tests of what crosses
// between instances. Registers its own beforeAll/afterAll where it is called; the accessor
// gives both servers and their database once they are up.
import { afterAll, beforeAll } from 'vitest';
import { startAppServerProcess, type AppServerProcess } from './app-server-process.js';
import { createTestDatabase, type TestDatabase } from './databases.js';

export interface TwoAppServers {
  servers: [AppServerProcess, AppServerProcess];
  database: TestDatabase;
}

export function twoAppServersOnPostgres(): () => TwoAppServers {
  let database: TestDatabase | undefined;
  const servers: AppServerProcess[] = [];
  beforeAll(async () => {
    database = await createTestDatabase('postgres');
    // One after the other: the first migrates and seeds the demo users.
    servers.push(await startAppServerProcess(database, { seed: true }));
    servers.push(await startAppServerProcess(database, { seed: false }));
  }, 120_000);
  afterAll(async () => {
    await Promise.all(servers.map((s) => s.child.stop()));
    await database?.drop();
  });
  return () => ({ servers: servers as TwoAppServers['servers'], database: database! });
}
