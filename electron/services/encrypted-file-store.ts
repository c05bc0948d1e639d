// The fallback when no keychain answers: secrets encrypted by the OS (Electron's safeStorage:
// DPAPI, Keychain-derived key, or libsecret/kwallet key) in a JSON file. Never plaintext: the
// store refuses to work when the encryption port says encryption is unavailable.
import { z } from 'zod';
import { writeFileAtomic } from './atomic-file.js';
import type { CredentialStore } from './credential-store.js';
import { ServiceError } from './errors.js';
import { readJsonFile } from './json-file.js';

/** The safeStorage facilities this store needs; Electron's safeStorage satisfies it. */
export interface EncryptionPort {
  isEncryptionAvailable(): boolean;
  encryptString(plainText: string): Buffer;
  decryptString(encrypted: Buffer): string;
}

const FileShape = z.object({ version: z.literal(1), entries: z.record(z.string(), z.string()) });
type FileShape = z.infer<typeof FileShape>;

export class EncryptedFileCredentialStore implements CredentialStore {
  readonly kind = 'encrypted';
  constructor(
    private readonly path: string,
    private readonly encryption: EncryptionPort,
  ) {}

  async get(account: string): Promise<string | null> {
    const sealed = (await this.read()).entries[account];
    if (sealed === undefined) return null;
    return this.encryption.decryptString(Buffer.from(sealed, 'base64'));
  }

  async set(account: string, secret: string): Promise<void> {
    if (!this.encryption.isEncryptionAvailable()) {
      throw new ServiceError('INTERNAL', 'OS encryption is not available; the secret was not stored.');
    }
    const file = await this.read();
    file.entries[account] = this.encryption.encryptString(secret).toString('base64');
    await this.write(file);
  }

  async delete(account: string): Promise<boolean> {
    const file = await this.read();
    if (!(account in file.entries)) return false;
    delete file.entries[account];
    await this.write(file);
    return true;
  }

  async accounts(): Promise<string[]> {
    return Object.keys((await this.read()).entries);
  }

  private async read(): Promise<FileShape> {
    const file = await readJsonFile(this.path, FileShape);
    if (file.status === 'missing') return { version: 1, entries: {} };
    if (file.status === 'invalid') {
      throw new ServiceError('INTERNAL', `The credential file ${this.path} is damaged (${file.reason}).`);
    }
    return { version: 1, entries: { ...file.value.entries } };
  }

  private write(file: FileShape): Promise<void> {
    return writeFileAtomic(this.path, `${JSON.stringify(file)}\n`, 0o600);
  }
}
