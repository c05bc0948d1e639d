// The few facts the app server uses from a LiveKit webhook, normalised once: times in epoch
// milliseconds, track sources as the API's names, absent parts as null, the event name typed.
import type { WebhookEvent } from 'livekit-server-sdk';
import { AppError } from '../errors.js';
import { livekitEvent, type LivekitEvent } from './events.js';
import { sourceName, type TrackSourceName } from './track-source.js';

export type { TrackSourceName };

export interface LivekitFacts {
  id: string;
  /** The event as this version knows it; switch on this one. */
  event: LivekitEvent;
  /** The name exactly as LiveKit sent it, stored with the event. */
  eventName: string;
  /** LiveKit's own stamp (whole seconds, as ms); stored with the event as sent. */
  createdAtMs: number;
  /** Best estimate of when it happened, for the records (see eventTime). */
  occurredAtMs: number;
  room: { sid: string; name: string; createdAtMs: number | null } | null;
  participant: {
    sid: string;
    identity: string;
    name: string;
    metadata: string;
    joinedAtMs: number | null;
  } | null;
  track: { sid: string; source: TrackSourceName } | null;
}

/** Milliseconds from a pair of LiveKit times (ms preferred, else seconds); null when unset. */
export function millis(ms: bigint | undefined, seconds: bigint | undefined): number | null {
  if (ms && ms > 0n) return Number(ms);
  if (seconds && seconds > 0n) return Number(seconds) * 1000;
  return null;
}

// LiveKit stamps events in whole seconds. When the event reaches us within that second, our
// receipt time is the more precise stamp; a late or retried delivery keeps LiveKit's.
function eventTime(createdAtMs: number | null, receivedAtMs: number): number {
  if (createdAtMs === null) return receivedAtMs;
  const lag = receivedAtMs - createdAtMs;
  return lag >= 0 && lag < 1000 ? receivedAtMs : createdAtMs;
}

export function factsOf(event: WebhookEvent, receivedAtMs: number): LivekitFacts {
  if (!event.id || event.id.length > 200) throw new AppError('VALIDATION', 'The event has no usable id.');
  if (!event.event) throw new AppError('VALIDATION', 'The event has no type.');
  const room = event.room?.sid
    ? {
        sid: event.room.sid,
        name: event.room.name,
        createdAtMs: millis(event.room.creationTimeMs, event.room.creationTime),
      }
    : null;
  const p = event.participant;
  const participant = p?.sid
    ? {
        sid: p.sid,
        identity: p.identity,
        name: p.name,
        metadata: p.metadata,
        joinedAtMs: millis(p.joinedAtMs, p.joinedAt),
      }
    : null;
  const track = event.track?.sid ? { sid: event.track.sid, source: sourceName(event.track.source) } : null;
  return {
    id: event.id,
    event: livekitEvent(event.event),
    eventName: event.event,
    createdAtMs: millis(undefined, event.createdAt) ?? receivedAtMs,
    occurredAtMs: eventTime(millis(undefined, event.createdAt), receivedAtMs),
    room,
    participant,
    track,
  };
}
