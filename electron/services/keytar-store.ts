// The OS keychain through keytar: macOS Keychain, Windows Credential Vault, the Secret Service
// (gnome-keyring, KWallet) on Linux. Service = the app id, account = `${serverUrl}|${username}`.
import type { CredentialStore } from './credential-store.js';

/** The part of keytar this store uses (keytar is loaded by the caller; it may fail to load). */
export interface KeytarPort {
  getPassword(service: string, account: string): Promise<string | null>;
  setPassword(service: string, account: string, password: string): Promise<void>;
  deletePassword(service: string, account: string): Promise<boolean>;
  findCredentials(service: string): Promise<Array<{ account: string; password: string }>>;
}

export class KeytarCredentialStore implements CredentialStore {
  readonly kind = 'keychain';
  constructor(
    private readonly keytar: KeytarPort,
    private readonly service: string,
  ) {}

  get(account: string): Promise<string | null> {
    return this.keytar.getPassword(this.service, account);
  }
  set(account: string, secret: string): Promise<void> {
    return this.keytar.setPassword(this.service, account, secret);
  }
  delete(account: string): Promise<boolean> {
    return this.keytar.deletePassword(this.service, account);
  }
  async accounts(): Promise<string[]> {
    return (await this.keytar.findCredentials(this.service)).map((c) => c.account);
  }

  /** Whether a keychain answers at all (no Secret Service on a bare Linux session, say). */
  async probe(): Promise<boolean> {
    try {
      await this.keytar.findCredentials(this.service);
      return true;
    } catch {
      // keytar rejects when no keychain daemon answers; the caller falls back and says so.
      return false;
    }
  }
}
