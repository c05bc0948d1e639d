// Picks where refresh tokens live: the OS keychain if it answers, else the OS-encrypted file,
// else memory only with a warning for the user (never a plaintext file).
import { MemoryCredentialStore, type CredentialStore } from './credential-store.js';
import { EncryptedFileCredentialStore, type EncryptionPort } from './encrypted-file-store.js';
import { KeytarCredentialStore, type KeytarPort } from './keytar-store.js';
import type { Logger } from './logger.js';

export interface CredentialStoreChoice {
  store: CredentialStore;
  /** A sentence for the user when the sign-in will not be kept as securely as expected. */
  warning?: string;
}

export interface CredentialStoreOptions {
  service: string;
  /** Undefined when keytar failed to load (no native module for this platform). */
  keytar: KeytarPort | undefined;
  encryption: EncryptionPort | undefined;
  encryptedFilePath: string;
  log: Logger;
}

export async function chooseCredentialStore(opts: CredentialStoreOptions): Promise<CredentialStoreChoice> {
  if (opts.keytar) {
    const keychain = new KeytarCredentialStore(opts.keytar, opts.service);
    if (await keychain.probe()) return { store: keychain };
    opts.log.warn('the OS keychain did not answer; falling back');
  }
  if (opts.encryption?.isEncryptionAvailable()) {
    opts.log.warn('using the OS-encrypted credential file');
    return { store: new EncryptedFileCredentialStore(opts.encryptedFilePath, opts.encryption) };
  }
  opts.log.warn('no keychain and no OS encryption: the sign-in is kept in memory only');
  return {
    store: new MemoryCredentialStore(),
    warning:
      'No keychain is available on this computer, so you will need to sign in again each time Convene starts.',
  };
}
