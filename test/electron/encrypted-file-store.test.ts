// The OS-encrypted credential file on its own: round trip, refusal without encryption, a damaged
// file reported rather than overwritten, and a file encrypted with another key not readable.
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EncryptedFileCredentialStore } from '../../electron/services/encrypted-file-store.js';
import { aesGcmStandInForSafeStorage } from './support/aes-gcm-encryption.js';

const tempFile = async () => join(await mkdtemp(join(tmpdir(), 'convene-cred-')), 'credentials.json');

describe('EncryptedFileCredentialStore', () => {
  it('stores, lists and deletes secrets, with only ciphertext on disk', async () => {
    const path = await tempFile();
    const store = new EncryptedFileCredentialStore(path, aesGcmStandInForSafeStorage());
    await store.set('https://a.example|alice', 'refresh-secret-1');
    await store.set('https://a.example|bob', 'refresh-secret-2');
    expect(await store.get('https://a.example|alice')).toBe('refresh-secret-1');
    expect((await store.accounts()).sort()).toEqual(['https://a.example|alice', 'https://a.example|bob']);
    expect(await readFile(path, 'utf8')).not.toMatch(/refresh-secret/);
    expect(await store.delete('https://a.example|alice')).toBe(true);
    expect(await store.delete('https://a.example|alice')).toBe(false);
    expect(await store.get('https://a.example|alice')).toBeNull();
  });

  it('refuses to store anything when OS encryption is unavailable', async () => {
    const path = await tempFile();
    const unavailable = { ...aesGcmStandInForSafeStorage(), isEncryptionAvailable: () => false };
    const store = new EncryptedFileCredentialStore(path, unavailable);
    await expect(store.set('x|y', 'secret')).rejects.toThrow(/not available/);
    await expect(readFile(path)).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('reports a damaged file instead of overwriting it', async () => {
    const path = await tempFile();
    await writeFile(path, JSON.stringify({ version: 9, entries: [] }));
    const store = new EncryptedFileCredentialStore(path, aesGcmStandInForSafeStorage());
    await expect(store.set('x|y', 'secret')).rejects.toThrow(/damaged/);
    expect(JSON.parse(await readFile(path, 'utf8'))).toEqual({ version: 9, entries: [] });
    await writeFile(path, '{ truncated');
    await expect(store.get('x|y')).rejects.toThrow(/damaged/);
  });

  it('cannot read secrets sealed with another key', async () => {
    const path = await tempFile();
    await new EncryptedFileCredentialStore(path, aesGcmStandInForSafeStorage()).set('x|y', 'secret');
    await expect(
      new EncryptedFileCredentialStore(path, aesGcmStandInForSafeStorage()).get('x|y'),
    ).rejects.toThrow();
  });
});
