// The app server's own access tokens: HS256 JSON Web Tokens, signed and verified with `jose`.
// Only HS256 is accepted, so a token whose header asks for another algorithm ("none", RS256
// confusion) is refused; expiry is checked by jose, the claims' shape by zod.
import { createSecretKey, type KeyObject } from 'node:crypto';
import { errors, jwtVerify, SignJWT } from 'jose';
import { z } from 'zod';

const AccessClaims = z.object({
  sub: z.string(),
  name: z.string(),
  adm: z.boolean(),
  /** Username; kept so requireUser does not need the database on every request. */
  usr: z.string(),
  /** The session (refresh-token family) the token belongs to; checked against revocation. */
  fam: z.string().optional(),
  iat: z.number(),
  exp: z.number(),
});
export type AccessClaims = z.infer<typeof AccessClaims>;

// One key object per secret: building it is the costly part of a verification.
const keys = new Map<string, KeyObject>();
function keyOf(secret: string): KeyObject {
  let key = keys.get(secret);
  if (!key) keys.set(secret, (key = createSecretKey(Buffer.from(secret, 'utf8'))));
  return key;
}

export function signJwt(claims: AccessClaims, secret: string): Promise<string> {
  return new SignJWT(claims).setProtectedHeader({ alg: 'HS256', typ: 'JWT' }).sign(keyOf(secret));
}

/** The claims of a valid, unexpired token, or null for anything else (never throws for a bad token). */
export async function verifyJwt(
  token: string,
  secret: string,
  nowSeconds = Date.now() / 1000,
): Promise<AccessClaims | null> {
  try {
    const { payload } = await jwtVerify(token, keyOf(secret), {
      algorithms: ['HS256'],
      currentDate: new Date(nowSeconds * 1000),
      clockTolerance: 0,
    });
    const claims = AccessClaims.safeParse(payload);
    return claims.success ? claims.data : null;
  } catch (err) {
    if (err instanceof errors.JOSEError) return null; // forged, expired, malformed
    throw err;
  }
}
