// The users table: create, find, list, disable, change password, grant admin. Used by the login
// routes, the admin CLI and the demo seed.
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Tables, UserRow } from '../db/schema.js';
import type { AuthUser } from '../auth/plugin.js';
import { hashPassword } from '../auth/passwords.js';
import { revokeUserSessions } from '../auth/revocation.js';

export const USERNAME_PATTERN = /^[a-z0-9][a-z0-9._@-]{0,253}$/;

export class UserStoreError extends Error {
  constructor(
    readonly code: 'INVALID_USERNAME' | 'USERNAME_TAKEN' | 'NO_SUCH_USER',
    message: string,
  ) {
    super(message);
    this.name = 'UserStoreError';
  }
}

export function toAuthUser(row: UserRow): AuthUser {
  return { id: row.id, username: row.username, displayName: row.display_name, isAdmin: row.is_admin === 1 };
}

export class UserStore {
  constructor(private readonly db: Kysely<Tables>) {}

  async create(input: {
    username: string;
    displayName: string;
    password: string;
    isAdmin?: boolean;
  }): Promise<UserRow> {
    const username = input.username.trim().toLowerCase();
    if (!USERNAME_PATTERN.test(username)) {
      throw new UserStoreError(
        'INVALID_USERNAME',
        'A username is lowercase letters, digits and . _ @ - (starting with a letter or digit).',
      );
    }
    if (await this.findByUsername(username)) {
      throw new UserStoreError('USERNAME_TAKEN', `The username ${username} is taken.`);
    }
    const row: UserRow = {
      id: randomUUID(),
      username,
      display_name: input.displayName.trim() || username,
      password_hash: await hashPassword(input.password),
      is_admin: input.isAdmin ? 1 : 0,
      disabled: 0,
      created_at: Date.now(),
    };
    await this.db.insertInto('users').values(row).execute();
    return row;
  }

  findByUsername(username: string): Promise<UserRow | undefined> {
    return this.db
      .selectFrom('users')
      .selectAll()
      .where('username', '=', username.trim().toLowerCase())
      .executeTakeFirst();
  }

  findById(id: string): Promise<UserRow | undefined> {
    return this.db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
  }

  list(): Promise<UserRow[]> {
    return this.db.selectFrom('users').selectAll().orderBy('username').execute();
  }

  /** Disabling also ends every session of the user. */
  async setDisabled(username: string, disabled: boolean): Promise<void> {
    await this.update(username, { disabled: disabled ? 1 : 0 });
    if (disabled) await this.signOutEverywhere(username);
  }

  /** A new password ends every session signed in with the old one. */
  async setPassword(username: string, password: string): Promise<void> {
    await this.update(username, { password_hash: await hashPassword(password) });
    await this.signOutEverywhere(username);
  }

  /** Revokes every session (refresh-token family) of the user; returns the tokens revoked. */
  async signOutEverywhere(username: string): Promise<number> {
    const user = await this.findByUsername(username);
    if (!user) throw new UserStoreError('NO_SUCH_USER', `There is no user ${username}.`);
    return revokeUserSessions(this.db, user.id);
  }

  async setAdmin(username: string, isAdmin: boolean): Promise<void> {
    await this.update(username, { is_admin: isAdmin ? 1 : 0 });
  }

  private async update(username: string, values: Partial<UserRow>): Promise<void> {
    const result = await this.db
      .updateTable('users')
      .set(values)
      .where('username', '=', username.trim().toLowerCase())
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) === 0) {
      throw new UserStoreError('NO_SUCH_USER', `There is no user ${username}.`);
    }
  }
}
