// When no keychain answers: the OS-encrypted file (with an AES-GCM stand-in for safeStorage),
// and when OS encryption is missing too, memory only with a warning. Against the real app
// server; the files on disk are searched to prove no token is ever written in plaintext.
import { randomBytes } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KeytarPort } from '../../electron/services/keytar-store.js';
import { startTestStack, type Stack } from '../support/stack.js';
import { aesGcmStandInForSafeStorage } from './support/aes-gcm-encryption.js';
import { startHarness } from './support/desktop-harness.js';

/** STAND-IN for a keychain whose daemon does not answer: keytar rejects every call like this. */
const keychainWithoutDaemon: KeytarPort = {
  getPassword: () => Promise.reject(new Error('Cannot autolaunch D-Bus without X11 $DISPLAY')),
  setPassword: () => Promise.reject(new Error('Cannot autolaunch D-Bus without X11 $DISPLAY')),
  deletePassword: () => Promise.reject(new Error('Cannot autolaunch D-Bus without X11 $DISPLAY')),
  findCredentials: () => Promise.reject(new Error('Cannot autolaunch D-Bus without X11 $DISPLAY')),
};

async function filesUnder(dir: string): Promise<Array<{ name: string; text: string }>> {
  const names = await readdir(dir, { recursive: true, withFileTypes: true });
  return Promise.all(
    names
      .filter((entry) => entry.isFile())
      .map(async (entry) => ({
        name: entry.name,
        text: await readFile(join(entry.parentPath, entry.name), 'latin1'),
      })),
  );
}

/** The secret in every spelling a careless writer might use. */
function spellings(secret: string): string[] {
  const bytes = Buffer.from(secret, 'utf8');
  return [secret, bytes.toString('base64'), bytes.toString('base64url'), bytes.toString('hex')];
}

describe('credential store fallbacks', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startTestStack({ CONVENE_SEED_DEMO: '1' });
  });
  afterAll(async () => {
    await stack?.stop();
  });

  it('uses the OS-encrypted file when the keychain does not answer; no token on disk in plaintext', async () => {
    const encryption = aesGcmStandInForSafeStorage(randomBytes(32));
    const first = await startHarness({ keytar: keychainWithoutDaemon, encryption });
    const state = await first.services.auth.signIn(stack.appUrl, 'alice', 'convene-demo');
    expect(state).toMatchObject({ signedIn: true, credentialStore: 'encrypted' });
    expect(state.warning).toBeUndefined();

    const refreshToken = await first.services.credentials.get(`${stack.appUrl}|alice`);
    const { accessToken } = await first.services.auth.current();
    expect(refreshToken).toEqual(expect.any(String));
    const files = await filesUnder(first.userDataDir);
    expect(files.map((f) => f.name).sort()).toEqual(['credentials.json', 'settings.json']);
    for (const file of files) {
      for (const secret of [...spellings(refreshToken ?? ''), ...spellings(accessToken)]) {
        expect(file.text, file.name).not.toContain(secret);
      }
    }
    // Nor in the log.
    for (const secret of [refreshToken ?? '', accessToken])
      expect(first.logs.join('\n')).not.toContain(secret);
    first.services.dispose();

    // After a restart, the encrypted file signs the user in silently.
    const second = await startHarness({
      keytar: keychainWithoutDaemon,
      encryption,
      userDataDir: first.userDataDir,
      credentialService: first.credentialService,
    });
    expect((await second.services.auth.restore()).signedIn).toBe(true);
    await second.services.auth.signOut();
    expect(await second.services.credentials.accounts()).toEqual([]);
    second.services.dispose();
  });

  it('keeps the token in memory only, and warns, when neither keychain nor encryption is available', async () => {
    const first = await startHarness({
      keytar: undefined,
      encryption: { ...aesGcmStandInForSafeStorage(), isEncryptionAvailable: () => false },
    });
    const state = await first.services.auth.signIn(stack.appUrl, 'bob', 'convene-demo');
    expect(state).toMatchObject({ signedIn: true, credentialStore: 'none' });
    expect(state.warning).toMatch(/sign in again/);
    const refreshToken = await first.services.credentials.get(`${stack.appUrl}|bob`);
    for (const file of await filesUnder(first.userDataDir)) {
      for (const secret of spellings(refreshToken ?? '')) expect(file.text, file.name).not.toContain(secret);
    }
    first.services.dispose();

    const second = await startHarness({
      keytar: undefined,
      encryption: undefined,
      userDataDir: first.userDataDir,
    });
    expect((await second.services.auth.restore()).signedIn).toBe(false);
    second.services.dispose();
  });
});
