// The scene the recording draws, read from the room session the same way the room view lays
// itself out: a screen share or the speaker on the stage, else the current grid page.
import { Track, type Room } from 'livekit-client';
import type { RoomSession } from '../room/room-session.svelte.js';
import type { TileState } from '../room/tiles.js';
import type { Scene, SceneTile } from './scene.js';

function cameraTile(tile: TileState): SceneTile {
  return {
    key: tile.identity,
    name: tile.isLocal ? `${tile.name} (you)` : tile.name,
    track: tile.camera?.mediaStreamTrack,
    screen: false,
    recording: tile.recording,
  };
}

export function sceneOf(session: RoomSession): Scene {
  const share = session.screenShare;
  if (share?.track) {
    return {
      stage: {
        key: `screen:${share.identity}`,
        name: `${share.name}'s screen`,
        track: share.track.mediaStreamTrack,
        screen: true,
        recording: false,
      },
      tiles: session.tiles.map(cameraTile),
    };
  }
  const speaker = session.stageSpeaker;
  return {
    stage: speaker ? cameraTile(speaker) : undefined,
    tiles: session.pageView.items.map(cameraTile),
  };
}

/** Every audio track to mix: all remote participants' and the local microphone. */
export function audioTracksOf(session: RoomSession, room: Room): MediaStreamTrack[] {
  const remote = session.remoteAudio.map((t) => t.mediaStreamTrack);
  const mic = room.localParticipant.getTrackPublication(Track.Source.Microphone)?.track?.mediaStreamTrack;
  return mic ? [...remote, mic] : remote;
}
