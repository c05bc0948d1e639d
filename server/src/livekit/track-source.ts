// LiveKit's track sources under the API's names (common/api TrackSource), in one place for the
// webhook facts and the moderation answers.
import { TrackSource } from 'livekit-server-sdk';
import type { z } from 'zod';
import type { TrackSource as ApiTrackSource } from '../../../common/api.js';

export type TrackSourceName = z.infer<typeof ApiTrackSource>;

export function sourceName(source: TrackSource): TrackSourceName {
  switch (source) {
    case TrackSource.CAMERA:
      return 'camera';
    case TrackSource.MICROPHONE:
      return 'microphone';
    case TrackSource.SCREEN_SHARE:
      return 'screen_share';
    case TrackSource.SCREEN_SHARE_AUDIO:
      return 'screen_share_audio';
    case TrackSource.UNKNOWN:
      return 'unknown';
    default:
      return 'unknown'; // a source added by a newer LiveKit
  }
}
