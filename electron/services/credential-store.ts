// Where the refresh token lives. The auth service sees only this interface: it never knows
// whether the OS keychain, an OS-encrypted file or memory holds the secret.
import type { CredentialStoreKind } from '../contract.js';

export interface CredentialStore {
  readonly kind: CredentialStoreKind;
  get(account: string): Promise<string | null>;
  set(account: string, secret: string): Promise<void>;
  /** True when an entry was removed. */
  delete(account: string): Promise<boolean>;
  /** Accounts with a stored secret (for silent sign-in at launch). */
  accounts(): Promise<string[]>;
}

/** The account name a refresh token is stored under. */
export function accountFor(serverUrl: string, username: string): string {
  return `${serverUrl}|${username}`;
}

export function parseAccount(account: string): { serverUrl: string; username: string } | undefined {
  const bar = account.lastIndexOf('|');
  if (bar <= 0 || bar === account.length - 1) return undefined;
  return { serverUrl: account.slice(0, bar), username: account.slice(bar + 1) };
}

/** Memory only: used when neither the keychain nor OS encryption is available. */
export class MemoryCredentialStore implements CredentialStore {
  readonly kind = 'none';
  private readonly secrets = new Map<string, string>();
  async get(account: string): Promise<string | null> {
    return this.secrets.get(account) ?? null;
  }
  async set(account: string, secret: string): Promise<void> {
    this.secrets.set(account, secret);
  }
  async delete(account: string): Promise<boolean> {
    return this.secrets.delete(account);
  }
  async accounts(): Promise<string[]> {
    return [...this.secrets.keys()];
  }
}
