// Decodes what a page sent on LiveKit's signal socket, as recorded by the join probe
// (join/transport-probe.ts keeps every request that changes a subscription, in base64).
import { SignalRequest } from '@livekit/protocol';

/** How many tracks these signal requests unsubscribed. A join should drop none it then takes
 *  again: a track dropped and taken again waits out LiveKit's key-frame throttle for its first
 *  picture. */
export function droppedTracks(subscriptions: string[]): number {
  let dropped = 0;
  for (const encoded of subscriptions) {
    const request = SignalRequest.fromBinary(Buffer.from(encoded, 'base64'));
    if (request.message.case === 'subscription' && !request.message.value.subscribe)
      dropped += request.message.value.trackSids.length;
  }
  return dropped;
}
