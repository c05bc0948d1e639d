// Verifies a LiveKit webhook: the Authorization header is a JWT signed with our API key whose
// sha256 claim is the hash of the exact body. Anything that fails is a 401 and is never stored.
import { createHash } from 'node:crypto';
import { TokenVerifier, WebhookReceiver, type WebhookEvent } from 'livekit-server-sdk';
import { AppError } from '../errors.js';

export class LivekitWebhookVerifier {
  private readonly receiver: WebhookReceiver;
  private readonly tokens: TokenVerifier;

  constructor(apiKey: string, apiSecret: string) {
    this.receiver = new WebhookReceiver(apiKey, apiSecret);
    this.tokens = new TokenVerifier(apiKey, apiSecret);
  }

  async verify(rawBody: string, authorization: string | undefined): Promise<WebhookEvent> {
    if (!authorization) throw new AppError('UNAUTHORIZED', 'The webhook has no Authorization header.');
    try {
      return await this.receiver.receive(rawBody, authorization);
    } catch (err) {
      // receive() fails alike for a bad signature and for a body it cannot parse. Only a body
      // whose signature holds is a bad request; everything else is unauthenticated.
      if (await this.signatureHolds(rawBody, authorization)) {
        throw new AppError('VALIDATION', 'The webhook body is not a LiveKit event.', undefined, {
          cause: err,
        });
      }
      throw new AppError('UNAUTHORIZED', 'The webhook signature does not verify.', undefined, { cause: err });
    }
  }

  private async signatureHolds(rawBody: string, authorization: string): Promise<boolean> {
    try {
      const claims = await this.tokens.verify(authorization);
      return claims.sha256 === createHash('sha256').update(rawBody).digest('base64');
    } catch {
      return false; // an unverifiable token is exactly the "no" this answers
    }
  }
}
