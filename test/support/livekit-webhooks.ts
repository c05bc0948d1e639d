// LiveKit-style webhooks made the way livekit-server v1.13.5 makes them: a protojson body and an
// Authorization header that is a raw JWT, signed with the API key, whose sha256 claim is the
// base64 SHA-256 of the exact body. Used to forge, replay and flood the webhook endpoint.
import { createHash, randomUUID } from 'node:crypto';
import { AccessToken, ParticipantInfo, Room, TrackInfo, TrackSource, WebhookEvent } from 'livekit-server-sdk';

export interface SimpleEvent {
  event: 'room_started' | 'room_finished' | 'participant_joined' | 'participant_left' | 'track_published';
  id?: string;
  createdAtSeconds: number;
  room: { sid: string; name: string; creationTimeMs?: number };
  participant?: { sid: string; identity: string; name?: string; metadata?: string; joinedAtMs?: number };
  track?: { sid: string; source: TrackSource };
}

export function webhookBody(e: SimpleEvent): string {
  const event = new WebhookEvent({
    event: e.event,
    id: e.id ?? `EV_${randomUUID()}`,
    createdAt: BigInt(e.createdAtSeconds),
    room: new Room({
      sid: e.room.sid,
      name: e.room.name,
      creationTime: BigInt(Math.floor((e.room.creationTimeMs ?? e.createdAtSeconds * 1000) / 1000)),
      creationTimeMs: BigInt(e.room.creationTimeMs ?? e.createdAtSeconds * 1000),
    }),
    ...(e.participant
      ? {
          participant: new ParticipantInfo({
            sid: e.participant.sid,
            identity: e.participant.identity,
            name: e.participant.name ?? e.participant.identity,
            metadata: e.participant.metadata ?? '',
            joinedAt: BigInt(Math.floor((e.participant.joinedAtMs ?? 0) / 1000)),
            joinedAtMs: BigInt(e.participant.joinedAtMs ?? 0),
          }),
        }
      : {}),
    ...(e.track ? { track: new TrackInfo({ sid: e.track.sid, source: e.track.source }) } : {}),
  });
  // The SDK's WebhookEvent constructor resets `event` after copying the fields; set it after.
  event.event = e.event;
  return event.toJsonString();
}

export function bodyHash(body: string): string {
  return createHash('sha256').update(body).digest('base64');
}

export async function signWebhook(body: string, apiKey: string, apiSecret: string): Promise<string> {
  const token = new AccessToken(apiKey, apiSecret, { ttl: '5m' });
  token.sha256 = bodyHash(body);
  return token.toJwt();
}

export { TrackSource };

/** POSTs a webhook to a listening app server over HTTP, signed as LiveKit signs it. */
export async function postWebhook(
  baseUrl: string,
  body: string,
  keys: { apiKey: string; apiSecret: string },
): Promise<Response> {
  return fetch(`${baseUrl}/webhooks/livekit`, {
    method: 'POST',
    headers: {
      'content-type': 'application/webhook+json',
      authorization: await signWebhook(body, keys.apiKey, keys.apiSecret),
    },
    body,
  });
}
