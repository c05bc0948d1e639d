// Which remote tracks this client receives: every microphone and screen share, but cameras only
// for the tiles on screen. Paginated-away cameras are unsubscribed, so they cost no bandwidth
// or decoding; adaptive stream then sizes the subscribed ones to the tiles they are drawn in.
import { Track, type RemoteParticipant, type RemoteTrackPublication } from 'livekit-client';

export function wantsSubscription(
  source: Track.Source,
  identity: string,
  visible: ReadonlySet<string>,
): boolean {
  return source !== Track.Source.Camera || visible.has(identity);
}

/** What to do with one publication: subscribe, unsubscribe, wait for it to arrive, or nothing. */
export type SubscriptionStep = 'subscribe' | 'unsubscribe' | 'wait' | null;

export function subscriptionStep(
  wanted: boolean,
  state: { desired: boolean; arrived: boolean },
): SubscriptionStep {
  if (wanted === state.desired) return null;
  if (wanted) return 'subscribe';
  // A subscription dropped before its track arrives, on LiveKit before 1.13.8, leaves a
  // transceiver the server can never match; it then asks for one more media section after
  // every answer, for good (livekit/livekit#4892). Measured in the 49-person grid, where the
  // 49th camera is subscribed on join and dropped 150 ms later as off-page: 1-2
  // renegotiations a second and the renderer at a full core instead of half. So a camera still
  // on its way is dropped once it is here (the session applies again on TrackSubscribed).
  return state.arrived ? 'unsubscribe' : 'wait';
}

export function applySubscription(
  publication: RemoteTrackPublication,
  identity: string,
  visible: ReadonlySet<string>,
): void {
  const wanted = wantsSubscription(publication.source, identity, visible);
  const step = subscriptionStep(wanted, {
    desired: publication.isDesired,
    arrived: publication.isSubscribed,
  });
  if (step === 'subscribe' || step === 'unsubscribe') publication.setSubscribed(wanted);
}

export function applySubscriptions(
  participants: Iterable<RemoteParticipant>,
  visible: ReadonlySet<string>,
): void {
  for (const participant of participants) {
    for (const publication of participant.trackPublications.values()) {
      applySubscription(publication, participant.identity, visible);
    }
  }
}
