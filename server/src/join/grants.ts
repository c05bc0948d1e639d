// What each room role may do in LiveKit. Nobody may change their own metadata, because the
// role is carried there and the moderation routes read it.
import { TrackSource, type VideoGrant } from 'livekit-server-sdk';
import type { Role } from '../../../common/api.js';

export function grantsFor(role: Role, roomName: string): VideoGrant {
  const base: VideoGrant = {
    room: roomName,
    roomJoin: true,
    canSubscribe: true,
    canPublishData: true,
    canUpdateOwnMetadata: false,
  };
  switch (role) {
    case 'host':
      return { ...base, roomAdmin: true, canPublish: true };
    case 'participant':
      return {
        ...base,
        canPublish: true,
        canPublishSources: [
          TrackSource.CAMERA,
          TrackSource.MICROPHONE,
          TrackSource.SCREEN_SHARE,
          TrackSource.SCREEN_SHARE_AUDIO,
        ],
      };
    case 'viewer':
      return { ...base, canPublish: false };
    default: {
      const unknown: never = role;
      throw new Error(`unknown role ${String(unknown)}`);
    }
  }
}
