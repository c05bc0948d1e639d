// Where a leg came from: the role from the participant's token metadata ({"role": ...}) when
// present, else from the app server's record of the token it issued; address and user agent
// from the latest token issued for that room and identity at or before the join.
import type { Kysely } from 'kysely';
import { Role } from '../../../common/api.js';
import type { Tables } from '../db/schema.js';
import type { CdrLegsTable } from './tables.js';

// LiveKit stamps joins with its own clock; a token issued a moment "after" the join by that
// clock is still the one used.
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

/** Sets role, address and user agent of new legs (which carry the room id as session room). */
export async function fillLegOrigins(
  trx: Kysely<Tables>,
  legs: readonly CdrLegsTable[],
  metadataOf: ReadonlyMap<CdrLegsTable, string>,
  roomOf: (leg: CdrLegsTable) => string,
): Promise<void> {
  if (legs.length === 0) return;
  const issued = await trx
    .selectFrom('join_tokens_issued')
    .select(['room_id', 'identity', 'role', 'address', 'user_agent', 'issued_at'])
    .where('room_id', 'in', [...new Set(legs.map(roomOf))])
    .where('identity', 'in', [...new Set(legs.map((l) => l.identity))])
    .where('issued_at', '<=', Math.max(...legs.map((l) => l.joined_at)) + CLOCK_TOLERANCE_MS)
    .orderBy('issued_at', 'desc')
    .execute();
  for (const leg of legs) {
    const room = roomOf(leg);
    const token = issued.find(
      (t) =>
        t.room_id === room &&
        t.identity === leg.identity &&
        t.issued_at <= leg.joined_at + CLOCK_TOLERANCE_MS,
    );
    leg.role = roleFromMetadata(metadataOf.get(leg) ?? '') ?? token?.role ?? null;
    leg.address = token?.address ?? null;
    leg.user_agent = token?.user_agent ?? null;
  }
}
