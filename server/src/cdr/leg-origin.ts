// Where a leg came from: the role from the participant's token metadata ({"role": ...}) when
// present, else from the app server's record of the token it issued; address and user agent
// from the latest token issued for that room and identity at or before the join.
import type { Kysely } from 'kysely';
import { Role } from '../../../common/api.js';
import type { Tables } from '../db/schema.js';

export interface LegOrigin {
  role: Role | null;
  address: string | null;
  userAgent: string | null;
}

// LiveKit stamps joins with its own clock and second-level precision in places; a token issued
// a moment "after" the join by that clock is still the one used.
const CLOCK_TOLERANCE_MS = 2000;

export function roleFromMetadata(metadata: string): Role | null {
  if (!metadata) return null;
  try {
    const parsed: unknown = JSON.parse(metadata);
    if (typeof parsed !== 'object' || parsed === null) return null;
    const role = Role.safeParse((parsed as Record<string, unknown>).role);
    return role.success ? role.data : null;
  } catch {
    return null; // metadata is free text set by whoever minted the token; not ours to reject
  }
}

export async function legOrigin(
  db: Kysely<Tables>,
  roomName: string,
  participant: { identity: string; metadata: string },
  joinedAtMs: number,
): Promise<LegOrigin> {
  const fromMetadata = roleFromMetadata(participant.metadata);
  const issued = await db
    .selectFrom('join_tokens_issued')
    .select(['role', 'address', 'user_agent'])
    .where('room_id', '=', roomName)
    .where('identity', '=', participant.identity)
    .where('issued_at', '<=', joinedAtMs + CLOCK_TOLERANCE_MS)
    .orderBy('issued_at', 'desc')
    .limit(1)
    .executeTakeFirst();
  return {
    role: fromMetadata ?? issued?.role ?? null,
    address: issued?.address ?? null,
    userAgent: issued?.user_agent ?? null,
  };
}
