// The webhook events LiveKit v1.13 sends (livekit-server's pkg/service/webhook names), as a typed
// union so every switch over them is exhaustive: a new name added here fails the type-check of
// each switch that has not decided what to do with it.
export const LIVEKIT_EVENTS = [
  'room_started',
  'room_finished',
  'participant_joined',
  'participant_left',
  'participant_connection_aborted',
  'track_published',
  'track_unpublished',
  'egress_started',
  'egress_updated',
  'egress_ended',
  'ingress_started',
  'ingress_ended',
] as const;

/** A known event name, or 'other' for a name this version does not know (kept, not acted on). */
export type LivekitEvent = (typeof LIVEKIT_EVENTS)[number] | 'other';

const KNOWN = new Set<string>(LIVEKIT_EVENTS);

export function livekitEvent(name: string): LivekitEvent {
  return KNOWN.has(name) ? (name as LivekitEvent) : 'other';
}

/** For the `default` of an exhaustive switch: never reached while the switch covers the union. */
export function unhandled(value: never): never {
  throw new Error(`Unhandled LiveKit event ${String(value)}`);
}
