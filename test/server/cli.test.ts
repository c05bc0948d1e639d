// The admin CLI against real databases: commands run directly (both dialects), and once as a
// real process with the password piped on standard input, then used to sign in.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyPassword } from '../../server/src/auth/passwords.js';
import { runCommand, type CliIo } from '../../server/src/cli/commands.js';
import type { Database } from '../../server/src/db/database.js';
import { UserStore } from '../../server/src/users/store.js';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../support/databases.js';
import { REPO_ROOT } from '../../scripts/stack/stack.js';

/** Captures what a command prints; the password "typed" is given up front. */
function captureIo(password = ''): CliIo & { lines: string[]; errors: string[] } {
  const lines: string[] = [];
  const errors: string[] = [];
  return {
    lines,
    errors,
    readPassword: async () => password,
    out: (l) => lines.push(l),
    err: (l) => errors.push(l),
  };
}

describe.each(DIALECTS)('admin CLI on %s', (dialect) => {
  let testDb: TestDatabase;
  let database: Database;
  let users: UserStore;

  beforeAll(async () => {
    testDb = await createTestDatabase(dialect);
    database = await testDb.open();
    users = new UserStore(database.db);
  });
  afterAll(async () => {
    await database?.close();
    await testDb?.drop();
  });

  it('adds a user with a generated password shown once, and lists users', async () => {
    const io = captureIo();
    expect(await runCommand(['user', 'add', 'erin', '--name', 'Erin Example'], database.db, io)).toBe(0);
    const password = io.lines.find((l) => l.startsWith('Password: '))?.slice('Password: '.length) ?? '';
    expect(password.length).toBeGreaterThanOrEqual(16);
    const row = await users.findByUsername('erin');
    expect(row?.display_name).toBe('Erin Example');
    expect(row?.password_hash).not.toContain(password);
    expect(await verifyPassword(password, row?.password_hash ?? '')).toBe(true);

    const list = captureIo();
    await runCommand(['user', 'list'], database.db, list);
    expect(list.lines).toEqual(['erin\tErin Example']);
  });

  it('sets passwords from input, grants admin, disables, and reports mistakes with exit 1 or 2', async () => {
    const add = captureIo('first-password');
    expect(
      await runCommand(['user', 'add', 'frank', '--name', 'Frank', '--password-stdin'], database.db, add),
    ).toBe(0);
    expect(add.lines.join('\n')).not.toContain('first-password');
    expect(
      await verifyPassword('first-password', (await users.findByUsername('frank'))?.password_hash ?? ''),
    ).toBe(true);
    await runCommand(['user', 'set-password', 'frank'], database.db, captureIo('second-password'));
    expect(
      await verifyPassword('second-password', (await users.findByUsername('frank'))?.password_hash ?? ''),
    ).toBe(true);
    await runCommand(['admin', 'grant', 'frank'], database.db, captureIo());
    await runCommand(['user', 'disable', 'frank'], database.db, captureIo());
    const list = captureIo();
    await runCommand(['user', 'list'], database.db, list);
    expect(list.lines).toContain('frank\tFrank\tadmin,disabled');

    const short = captureIo('short');
    expect(await runCommand(['user', 'set-password', 'frank'], database.db, short)).toBe(1);
    expect(short.errors[0]).toMatch(/at least 8/);
    const taken = captureIo();
    expect(await runCommand(['user', 'add', 'frank', '--name', 'Again'], database.db, taken)).toBe(1);
    expect(taken.errors[0]).toMatch(/taken/);
    const missing = captureIo();
    expect(await runCommand(['user', 'disable', 'nobody'], database.db, missing)).toBe(1);
    const bad = captureIo();
    expect(await runCommand(['user', 'add', 'Bad Name!', '--name', 'x'], database.db, bad)).toBe(1);
    const unknown = captureIo();
    expect(await runCommand(['frobnicate'], database.db, unknown)).toBe(2);
    expect(unknown.errors[0]).toMatch(/^Usage/);
  });
});

describe('admin CLI as a process', () => {
  it('reads the password from piped standard input and the data dir from the environment', async () => {
    const testDb = await createTestDatabase('sqlite');
    try {
      const run = promisify(execFile);
      const child = run(
        process.execPath,
        [
          '--import',
          'tsx',
          'server/src/cli/main.ts',
          'user',
          'add',
          'gina',
          '--name',
          'Gina',
          '--password-stdin',
        ],
        { cwd: REPO_ROOT, env: { ...process.env, CONVENE_DATA_DIR: testDb.dataDir } },
      );
      child.child.stdin?.end('piped-password-123\n');
      const { stdout } = await child;
      expect(stdout).toContain('Added gina (Gina).');
      expect(stdout).not.toContain('piped-password-123');
      const database = await testDb.open();
      const row = await new UserStore(database.db).findByUsername('gina');
      await database.close();
      expect(await verifyPassword('piped-password-123', row?.password_hash ?? '')).toBe(true);
    } finally {
      await testDb.drop();
    }
  });
});
