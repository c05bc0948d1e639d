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

export function applySubscription(
  publication: RemoteTrackPublication,
  identity: string,
  visible: ReadonlySet<string>,
): void {
  const wanted = wantsSubscription(publication.source, identity, visible);
  if (publication.isDesired !== wanted) publication.setSubscribed(wanted);
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
