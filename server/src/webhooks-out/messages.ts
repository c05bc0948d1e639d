// The messages Convene sends to company systems, in the Standard Webhooks shape
// { type, timestamp, data }. LiveKit's events map onto four of them.
import type { WebhookEvent } from '../../../common/api.js';
import type { CdrSessionsTable } from '../cdr/tables.js';
import { unhandled } from '../livekit/events.js';
import type { LivekitFacts } from '../livekit/facts.js';

export interface OutgoingMessage {
  type: WebhookEvent;
  timestamp: string;
  data: Record<string, unknown>;
}

const iso = (ms: number) => new Date(ms).toISOString();

export function messageFromLivekit(facts: LivekitFacts, session: CdrSessionsTable): OutgoingMessage | null {
  const room = { roomId: session.room_name, roomSid: session.room_sid, sessionId: session.id };
  const at = iso(facts.occurredAtMs);
  const p = facts.participant;
  switch (facts.event) {
    case 'room_started':
      return {
        type: 'meeting.started',
        timestamp: at,
        data: { ...room, startedAt: iso(session.started_at) },
      };
    case 'room_finished':
      return {
        type: 'meeting.ended',
        timestamp: at,
        data: { ...room, startedAt: iso(session.started_at), endedAt: at },
      };
    case 'participant_joined':
      if (!p) return null;
      return {
        type: 'participant.joined',
        timestamp: at,
        data: {
          ...room,
          identity: p.identity,
          name: p.name,
          joinedAt: iso(p.joinedAtMs ?? facts.occurredAtMs),
        },
      };
    case 'participant_left':
      if (!p) return null;
      return {
        type: 'participant.left',
        timestamp: at,
        data: { ...room, identity: p.identity, name: p.name, leftAt: at },
      };
    // No message for these: company systems hear of meetings and people, not of tracks.
    case 'participant_connection_aborted':
    case 'track_published':
    case 'track_unpublished':
    case 'egress_started':
    case 'egress_updated':
    case 'egress_ended':
    case 'ingress_started':
    case 'ingress_ended':
    case 'other':
      return null;
    default:
      return unhandled(facts.event);
  }
}
