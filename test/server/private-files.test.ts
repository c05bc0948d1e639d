// Files only their owner can read: the data folder is created 0700 and the SQLite database with
// its -wal and -shm files 0600, from the moment they exist (strace shows the mode each is created
// with, under umask 000 so that nothing is narrowed by luck); deleting a webhook endpoint leaves
// no trace of its secret in the database files (SQLite) or the table's pages (PostgreSQL).
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import type { CreatedWebhookEndpoint } from '../../common/api.js';
import type { Database } from '../../server/src/db/database.js';
import { openDatabase } from '../../server/src/db/database.js';
import { persistentKeyPair } from '../../scripts/stack/keys.js';
import { REPO_ROOT } from '../../scripts/stack/stack.js';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../support/databases.js';
import { bearer, buildEventsApp } from '../support/events-app.js';

const run = promisify(execFile);
const admin = await bearer({ id: 'admin-1', isAdmin: true });
const mode = async (path: string) => ((await stat(path)).mode & 0o777).toString(8);
const cleanup: string[] = [];
afterAll(async () => {
  await Promise.all(cleanup.map((dir) => rm(dir, { recursive: true, force: true })));
});

describe('the data folder and database files', () => {
  it('are created 0700 and 0600, never wider, even under umask 000', async () => {
    const root = await mkdtemp(join(tmpdir(), 'convene-perm-'));
    cleanup.push(root);
    const dataDir = join(root, 'new', 'data');
    const log = join(root, 'strace.log');
    const child = `umask 000; exec strace -f -qq -e trace=openat,mkdir -o '${log}' '${process.execPath}' --import tsx test/support/open-database-child.ts '${dataDir}'`;
    await run('sh', ['-c', child], { cwd: REPO_ROOT, timeout: 60_000 });

    const lines = (await readFile(log, 'utf8')).split('\n').filter((l) => l.includes(`${root}/new`));
    const mkdirs = lines.filter((l) => /\bmkdir\(/.test(l) && l.includes('= 0'));
    const creates = lines.filter((l) => l.includes('O_CREAT'));
    expect(mkdirs.map((l) => l.match(/mkdir\("([^"]+)", (0\d+)\)/)?.slice(1))).toEqual([
      [join(root, 'new'), '0700'],
      [dataDir, '0700'],
    ]);
    // The first open(O_CREAT) of each path is the one that created it, with the mode it passed
    // (a later O_CREAT of an existing file does not change its mode).
    const created = new Map<string, string | undefined>();
    for (const l of creates) {
      const path = l.match(/"([^"]+)"/)![1]!;
      if (!created.has(path)) created.set(path, l.match(/O_CREAT[^,]*, (0\d+)\)/)?.[1]);
    }
    const db = join(dataDir, 'convene.db');
    expect([...created.keys()]).toEqual(expect.arrayContaining([db, `${db}-shm`, `${db}-wal`]));
    for (const [file, createdMode] of created) expect(createdMode, file).toBe('0600');

    expect(await mode(dataDir)).toBe('700');
    for (const file of [db, `${db}-wal`, `${db}-shm`]) {
      if (existsSync(file)) expect(await mode(file), file).toBe('600');
    }
  });

  it("keeps the dev stack's LiveKit key file 0600 in a 0700 folder, even under umask 000", async () => {
    const root = await mkdtemp(join(tmpdir(), 'convene-perm-'));
    cleanup.push(root);
    const file = join(root, 'convene', 'livekit-keys.json');
    const previous = process.umask(0);
    try {
      await persistentKeyPair(file);
    } finally {
      process.umask(previous);
    }
    expect(await mode(join(root, 'convene'))).toBe('700');
    expect(await mode(file)).toBe('600');
  });

  it('narrows a folder and database left readable by an older version', async () => {
    const root = await mkdtemp(join(tmpdir(), 'convene-perm-'));
    cleanup.push(root);
    const dataDir = join(root, 'data');
    await run('sh', [
      '-c',
      `mkdir -m 755 '${dataDir}' && touch '${dataDir}/convene.db' && chmod 644 '${dataDir}/convene.db'`,
    ]);
    await (await openDatabase({ dataDir })).close();
    expect(await mode(dataDir)).toBe('700');
    expect(await mode(join(dataDir, 'convene.db'))).toBe('600');
  });
});

type EventsApp = Awaited<ReturnType<typeof buildEventsApp>>;

async function createEndpoint(app: EventsApp): Promise<CreatedWebhookEndpoint> {
  const res = await app.inject({
    method: 'POST',
    url: '/admin/webhooks',
    headers: admin,
    payload: { url: 'http://127.0.0.1:9/none', events: ['meeting.started'] },
  });
  return res.json<CreatedWebhookEndpoint>();
}

const deleteEndpoint = (app: EventsApp, id: string) =>
  app.inject({ method: 'DELETE', url: `/admin/webhooks/${id}`, headers: admin });

describe.each(DIALECTS)('a deleted webhook endpoint on %s', (dialect) => {
  let testDb: TestDatabase;
  afterAll(async () => testDb?.drop());

  it('leaves no copy of its secret in the database', async () => {
    testDb = await createTestDatabase(dialect);
    const app = await buildEventsApp(testDb);
    try {
      const { id, secret } = await createEndpoint(app);
      const stored = () => storedBytesContain(app.database, testDb, secret);
      expect(await stored()).toBe(true); // the check can see it while it exists
      const del = await deleteEndpoint(app, id);
      expect(del.statusCode).toBe(204);
      expect(await stored()).toBe(false);
    } finally {
      await app.close();
    }
  });
});

describe('a deleted webhook endpoint on postgres, with an older transaction still open', () => {
  let testDb: TestDatabase;
  afterAll(async () => testDb?.drop());

  it('leaves no copy of its secret once that transaction has ended', async () => {
    testDb = await createTestDatabase('postgres');
    const app = await buildEventsApp(testDb);
    const other = await testDb.open();
    try {
      const { id, secret } = await createEndpoint(app);
      // Another session holds a snapshot taken before the delete (as the app's background jobs
      // may), ending 400 ms into it: the deleted row must not outlive it.
      let began!: () => void;
      const snapshot = new Promise<void>((resolve) => (began = resolve));
      const reader = other.db
        .transaction()
        .setIsolationLevel('repeatable read')
        .execute(async (trx) => {
          await sql`SELECT 1`.execute(trx); // a snapshot, and no lock on the table
          began();
          await new Promise((resolve) => setTimeout(resolve, 400));
        });
      await snapshot;
      const del = await deleteEndpoint(app, id);
      await reader;
      expect(del.statusCode).toBe(204);
      expect(await storedBytesContain(app.database, testDb, secret)).toBe(false);
    } finally {
      await other.close();
      await app.close();
    }
  });
});

/** Whether `secret` appears in the raw bytes the database keeps: the SQLite files, or every
 *  page (live and dead tuples) of PostgreSQL's webhook_endpoints table via pageinspect. */
async function storedBytesContain(
  database: Database,
  testDb: TestDatabase,
  secret: string,
): Promise<boolean> {
  const needle = Buffer.from(secret.slice('whsec_'.length), 'utf8');
  if (database.dialect === 'sqlite') {
    const files = ['convene.db', 'convene.db-wal'].map((f) => join(testDb.dataDir, f)).filter(existsSync);
    const bytes = await Promise.all(files.map((f) => readFile(f)));
    return bytes.some((b) => b.includes(needle));
  }
  await sql`CREATE EXTENSION IF NOT EXISTS pageinspect`.execute(database.db);
  const { rows } = await sql<{ page: Buffer }>`
    SELECT get_raw_page('webhook_endpoints', 'main', n::int) AS page
    FROM generate_series(0, pg_relation_size('webhook_endpoints') / 8192 - 1) AS n`.execute(database.db);
  return rows.some((r) => r.page.includes(needle));
}
