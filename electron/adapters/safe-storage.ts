// Electron's safeStorage as the credential store's encryption port. On Linux without a
// keyring, safeStorage "encrypts" with a hard-coded key (backend basic_text): that is not
// encryption, so it is reported as unavailable and the token stays in memory only.
import { safeStorage } from 'electron';
import type { EncryptionPort } from '../services/encrypted-file-store.js';

export const safeStorageEncryption: EncryptionPort = {
  isEncryptionAvailable() {
    if (!safeStorage.isEncryptionAvailable()) return false;
    return process.platform !== 'linux' || safeStorage.getSelectedStorageBackend() !== 'basic_text';
  },
  encryptString: (plainText) => safeStorage.encryptString(plainText),
  decryptString: (encrypted) => safeStorage.decryptString(encrypted),
};
