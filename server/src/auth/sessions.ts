// Sessions: a short-lived access token (HS256 JWT) and an opaque refresh token stored only as
// its SHA-256. Refresh tokens rotate on every use and belong to a family (one login); presenting
// an already-rotated token means it was copied, so the whole family is revoked.
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Session } from '../../../common/api.js';
import type { Tables, UserRow } from '../db/schema.js';
import { AppError } from '../errors.js';
import { toAuthUser } from '../users/store.js';
import { signJwt } from './jwt.js';

export const ACCESS_TOKEN_TTL_SECONDS = 10 * 60;
export const REFRESH_TOKEN_TTL_MS = 30 * 24 * 3600 * 1000;

const sha256 = (value: string) => createHash('sha256').update(value).digest('base64url');

const invalidRefresh = () =>
  new AppError('UNAUTHORIZED', 'The session has ended or the refresh token is not valid. Sign in again.');

export class SessionService {
  constructor(
    private readonly db: Kysely<Tables>,
    private readonly jwtSecret: string,
  ) {}

  /** A new session (new family) for a user whose password was just checked. */
  start(user: UserRow): Promise<Session> {
    return this.issue(user, randomUUID());
  }

  async refresh(refreshToken: string): Promise<Session> {
    const now = Date.now();
    const row = await this.db
      .selectFrom('refresh_tokens')
      .selectAll()
      .where('token_hash', '=', sha256(refreshToken))
      .executeTakeFirst();
    if (!row || row.revoked_at !== null || row.expires_at <= now) throw invalidRefresh();
    // Mark used only if nobody else did: of two concurrent uses, exactly one wins.
    const claimed = await this.db
      .updateTable('refresh_tokens')
      .set({ used_at: now })
      .where('id', '=', row.id)
      .where('used_at', 'is', null)
      .executeTakeFirst();
    if (Number(claimed.numUpdatedRows) === 0) {
      await this.revokeFamily(row.family_id);
      throw invalidRefresh();
    }
    const user = await this.db
      .selectFrom('users')
      .selectAll()
      .where('id', '=', row.user_id)
      .executeTakeFirst();
    if (!user || user.disabled === 1) {
      await this.revokeFamily(row.family_id);
      throw invalidRefresh();
    }
    return this.issue(user, row.family_id);
  }

  /** Ends the session the refresh token belongs to. Unknown tokens are ignored (idempotent). */
  async logout(refreshToken: string): Promise<void> {
    const row = await this.db
      .selectFrom('refresh_tokens')
      .select('family_id')
      .where('token_hash', '=', sha256(refreshToken))
      .executeTakeFirst();
    if (row) await this.revokeFamily(row.family_id);
  }

  private async revokeFamily(familyId: string): Promise<void> {
    await this.db
      .updateTable('refresh_tokens')
      .set({ revoked_at: Date.now() })
      .where('family_id', '=', familyId)
      .where('revoked_at', 'is', null)
      .execute();
  }

  private async issue(user: UserRow, familyId: string): Promise<Session> {
    const now = Date.now();
    const iat = Math.floor(now / 1000);
    const exp = iat + ACCESS_TOKEN_TTL_SECONDS;
    const accessToken = signJwt(
      {
        sub: user.id,
        usr: user.username,
        name: user.display_name,
        adm: user.is_admin === 1,
        fam: familyId,
        iat,
        exp,
      },
      this.jwtSecret,
    );
    const refreshToken = randomBytes(32).toString('base64url');
    const refreshExpiresAt = now + REFRESH_TOKEN_TTL_MS;
    await this.db
      .insertInto('refresh_tokens')
      .values({
        id: randomUUID(),
        family_id: familyId,
        user_id: user.id,
        token_hash: sha256(refreshToken),
        expires_at: refreshExpiresAt,
        created_at: now,
        used_at: null,
        revoked_at: null,
      })
      .execute();
    return {
      accessToken,
      accessTokenExpiresAt: new Date(exp * 1000).toISOString(),
      refreshToken,
      refreshTokenExpiresAt: new Date(refreshExpiresAt).toISOString(),
      user: toAuthUser(user),
    };
  }
}
