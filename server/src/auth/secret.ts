// The server secret that signs access tokens and invites: CONVENE_JWT_SECRET when set, else a
// random one generated on first start and kept in the database, so every app server sharing the
// database (and every restart) signs with the same key.
import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Tables } from '../db/schema.js';

const KEY = 'jwt_secret';

export async function resolveJwtSecret(db: Kysely<Tables>, configured?: string): Promise<string> {
  if (configured) return configured;
  // Insert-if-absent then read: when two servers start at once, both read the winner's value.
  await db
    .insertInto('schema_meta')
    .values({ key: KEY, value: randomBytes(48).toString('base64url') })
    .onConflict((oc) => oc.column('key').doNothing())
    .execute();
  const row = await db
    .selectFrom('schema_meta')
    .select('value')
    .where('key', '=', KEY)
    .executeTakeFirstOrThrow();
  return row.value;
}
