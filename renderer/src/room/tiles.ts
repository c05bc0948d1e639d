// Snapshots of LiveKit participants as plain values the components render. Rebuilt whenever the
// session sees a relevant RoomEvent; cheap, because it reads only what LiveKit already holds.
import {
  Track,
  type LocalParticipant,
  type Participant,
  type RemoteParticipant,
  type Room,
  type VideoTrack,
} from 'livekit-client';

export type Quality = 'excellent' | 'good' | 'poor' | 'lost' | 'unknown';

export interface TileState {
  identity: string;
  name: string;
  isLocal: boolean;
  isSpeaking: boolean;
  lastSpokeAt: number;
  joinedAt: number;
  micMuted: boolean;
  /** The camera track when there is a picture to show (published, subscribed, not muted). */
  camera: VideoTrack | undefined;
  quality: Quality;
  handRaised: boolean;
  /** The app server marked this participant as recording (attribute convene.recording). */
  recording: boolean;
}

/** Set and cleared only by the app server (tokens may not change their own attributes). */
export const RECORDING_ATTRIBUTE = 'convene.recording';

export interface ScreenShareState {
  identity: string;
  name: string;
  isLocal: boolean;
  track: VideoTrack | undefined;
}

function videoOf(participant: Participant, source: Track.Source): VideoTrack | undefined {
  const publication = participant.getTrackPublication(source);
  if (!publication || publication.isMuted || !publication.track) return undefined;
  return publication.track as VideoTrack;
}

export function displayName(participant: Participant): string {
  return participant.name || participant.identity;
}

export function tileOf(
  participant: Participant,
  isLocal: boolean,
  lastSpokeAt: number,
  handRaised: boolean,
): TileState {
  const mic = participant.getTrackPublication(Track.Source.Microphone);
  return {
    identity: participant.identity,
    name: displayName(participant),
    isLocal,
    isSpeaking: participant.isSpeaking,
    lastSpokeAt,
    joinedAt: participant.joinedAt?.getTime() ?? 0,
    micMuted: !mic || mic.isMuted,
    camera: videoOf(participant, Track.Source.Camera),
    quality: participant.connectionQuality as Quality,
    handRaised,
    recording: participant.attributes[RECORDING_ATTRIBUTE] === 'true',
  };
}

export function allParticipants(room: Room): Array<{ participant: Participant; isLocal: boolean }> {
  const local: LocalParticipant = room.localParticipant;
  const remotes: RemoteParticipant[] = [...room.remoteParticipants.values()];
  return [{ participant: local, isLocal: true }, ...remotes.map((p) => ({ participant: p, isLocal: false }))];
}

/** The first screen share in the room, preferring someone else's over your own. */
export function screenShareOf(room: Room): ScreenShareState | null {
  const ordered = allParticipants(room).sort((a, b) => Number(a.isLocal) - Number(b.isLocal));
  for (const { participant, isLocal } of ordered) {
    const publication = participant.getTrackPublication(Track.Source.ScreenShare);
    if (!publication) continue;
    return {
      identity: participant.identity,
      name: displayName(participant),
      isLocal,
      track: videoOf(participant, Track.Source.ScreenShare),
    };
  }
  return null;
}
