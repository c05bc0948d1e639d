// STAND-IN for Electron's safeStorage, which cannot run outside Electron: real AES-256-GCM
// encryption from node:crypto with a key held in memory (safeStorage keeps its key in the OS
// keychain/DPAPI). Same port, same shape of output: opaque bytes, never the plaintext.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { EncryptionPort } from '../../../electron/services/encrypted-file-store.js';

export function aesGcmStandInForSafeStorage(key: Buffer = randomBytes(32)): EncryptionPort {
  return {
    isEncryptionAvailable: () => true,
    encryptString(plainText) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const body = Buffer.concat([cipher.update(plainText, 'utf8'), cipher.final()]);
      return Buffer.concat([iv, cipher.getAuthTag(), body]);
    },
    decryptString(encrypted) {
      const decipher = createDecipheriv('aes-256-gcm', key, encrypted.subarray(0, 12));
      decipher.setAuthTag(encrypted.subarray(12, 28));
      return Buffer.concat([decipher.update(encrypted.subarray(28)), decipher.final()]).toString('utf8');
    },
  };
}
