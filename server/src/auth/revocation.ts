// Sessions end with the credentials. Every access token names its session (the refresh-token
// family, claim `fam`); a token whose family was revoked stops working within CACHE_MS, on
// every app server instance sharing the database. Families are revoked by logout, by reuse of a
// rotated refresh token, and by revokeUserSessions: a password change, a disabled account, or
// an administrator's "sign out everywhere".
import type { Kysely } from 'kysely';
import type { Tables } from '../db/schema.js';

/** How long one instance trusts "this session is live" before asking the database again. It
 *  bounds how long an access token outlives its revoked session. */
export const REVOCATION_CACHE_MS = 15_000;

/** Revokes every refresh-token family of the user; returns how many tokens it revoked. */
export async function revokeUserSessions(db: Kysely<Tables>, userId: string): Promise<number> {
  const result = await db
    .updateTable('refresh_tokens')
    .set({ revoked_at: Date.now() })
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

export class RevocationCheck {
  /** Family id → until when it is known to be live. Revoked families are not cached as live. */
  private readonly live = new Map<string, number>();

  constructor(
    private readonly db: Kysely<Tables>,
    private readonly cacheMs = REVOCATION_CACHE_MS,
  ) {}

  async isLive(familyId: string, now = Date.now()): Promise<boolean> {
    const until = this.live.get(familyId);
    if (until !== undefined && until > now) return true;
    // Live: the family has a token and none of its tokens is revoked (revocation marks all).
    const row = await this.db
      .selectFrom('refresh_tokens')
      .select((eb) => [
        eb.fn.countAll<number>().as('tokens'),
        eb.fn.count<number>('revoked_at').as('revoked'),
      ])
      .where('family_id', '=', familyId)
      .executeTakeFirstOrThrow();
    const isLive = Number(row.tokens) > 0 && Number(row.revoked) === 0;
    if (isLive) {
      if (this.live.size >= 50_000) this.live.clear(); // bounded; misses only cost a query
      this.live.set(familyId, now + this.cacheMs);
    } else {
      this.live.delete(familyId);
    }
    return isLive;
  }
}
