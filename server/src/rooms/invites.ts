// Guest invites: a signed, expiring capability to join one room with one role, carried in a
// link. `<payload>.<signature>`, both base64url; the HMAC key is derived from the server secret
// so an invite can never be replayed as an access token or the other way round.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';

const InvitePayload = z.object({
  v: z.literal(1),
  r: z.string(),
  role: z.enum(['participant', 'viewer']),
  exp: z.number(),
  n: z.string(),
});
export type InvitePayload = z.infer<typeof InvitePayload>;

export class InviteSigner {
  private readonly key: Buffer;

  constructor(serverSecret: string) {
    this.key = createHmac('sha256', serverSecret).update('convene-invite-v1').digest();
  }

  sign(roomId: string, role: InvitePayload['role'], expiresAt: number): string {
    const payload: InvitePayload = {
      v: 1,
      r: roomId,
      role,
      exp: expiresAt,
      n: randomBytes(6).toString('base64url'),
    };
    const body = Buffer.from(JSON.stringify(payload)).toString('base64url');
    return `${body}.${this.mac(body).toString('base64url')}`;
  }

  /** The payload of a genuine, unexpired invite, or null. */
  verify(invite: string, now = Date.now()): InvitePayload | null {
    const [body, signature, extra] = invite.split('.');
    if (!body || !signature || extra !== undefined) return null;
    const given = Buffer.from(signature, 'base64url');
    const expected = this.mac(body);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
    let json: unknown;
    try {
      json = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
    } catch {
      return null;
    }
    const parsed = InvitePayload.safeParse(json);
    if (!parsed.success || parsed.data.exp <= now) return null;
    return parsed.data;
  }

  private mac(body: string): Buffer {
    return createHmac('sha256', this.key).update(body).digest();
  }
}
