import { TrackInfo, TrackSource, TrackType } from '@livekit/protocol';
import { RemoteTrackPublication, Track } from 'livekit-client';
import { describe, expect, it } from 'vitest';
import { applySubscription, subscriptionStep } from '../../renderer/src/room/subscriptions.js';

// A real livekit-client publication, as the Room makes one from the server's track info; no
// track has arrived for it (that needs a browser's MediaStreamTrack).
function camera(identity: string): { publication: RemoteTrackPublication; identity: string } {
  const info = new TrackInfo({
    sid: `TR_${identity}`,
    name: 'camera',
    type: TrackType.VIDEO,
    source: TrackSource.CAMERA,
  });
  // @livekit/protocol resolves to its CommonJS types here and to its ESM types inside
  // livekit-client: the same class at run time, two declarations for the type checker.
  const publication = new RemoteTrackPublication(Track.Kind.Video, info as never, true, undefined);
  return { publication, identity };
}

describe('subscriptions', () => {
  it('subscribes what is wanted and drops only what has arrived', () => {
    expect(subscriptionStep(true, { desired: false, arrived: false })).toBe('subscribe');
    expect(subscriptionStep(false, { desired: true, arrived: true })).toBe('unsubscribe');
    expect(subscriptionStep(false, { desired: true, arrived: false })).toBe('wait');
    expect(subscriptionStep(true, { desired: true, arrived: false })).toBeNull();
    expect(subscriptionStep(false, { desired: false, arrived: false })).toBeNull();
  });

  it('keeps an off-screen camera still on its way subscribed, and takes a wanted one back', () => {
    const { publication, identity } = camera('p49');
    expect(publication.source).toBe(Track.Source.Camera);
    expect(publication.isDesired).toBe(true); // autoSubscribe: on its way

    applySubscription(publication, identity, new Set());
    expect(publication.isDesired).toBe(true); // held until it arrives

    publication.setSubscribed(false);
    applySubscription(publication, identity, new Set([identity]));
    expect(publication.isDesired).toBe(true);
  });

  it('always wants a microphone, even with nobody on screen', () => {
    const mic = new RemoteTrackPublication(
      Track.Kind.Audio,
      new TrackInfo({
        sid: 'TR_mic',
        name: 'mic',
        type: TrackType.AUDIO,
        source: TrackSource.MICROPHONE,
      }) as never,
      false,
      undefined,
    );
    expect(mic.isDesired).toBe(false);
    applySubscription(mic, 'p1', new Set());
    expect(mic.isDesired).toBe(true);
  });
});
