// The scene the recording draws, read from the room session and its view the same way the room
// screen lays itself out: a screen share or the speaker on the stage, else the current grid page.
import { Track, type Room } from 'livekit-client';
import type { ParticipantState } from '../room/participant-state.svelte.js';
import type { RoomSession } from '../room/room-session.svelte.js';
import type { Scene, SceneTile } from './scene.js';

function cameraTile(p: ParticipantState): SceneTile {
  return {
    key: p.identity,
    name: p.isLocal ? `${p.name} (you)` : p.name,
    track: p.camera?.mediaStreamTrack,
    screen: false,
    recording: p.recording,
  };
}

export function sceneOf(session: RoomSession): Scene {
  const share = session.screenShare;
  const view = session.view;
  if (share?.screenShare) {
    return {
      stage: {
        key: `screen:${share.identity}`,
        name: `${share.name}'s screen`,
        track: share.screenShare.mediaStreamTrack,
        screen: true,
        recording: false,
      },
      tiles: view.ordered.map(cameraTile),
    };
  }
  const speaker = view.stageSpeaker;
  return {
    stage: speaker ? cameraTile(speaker) : undefined,
    tiles: view.pageView.items.map(cameraTile),
  };
}

/** Every audio track to mix: all remote participants' and the local microphone. */
export function audioTracksOf(session: RoomSession, room: Room): MediaStreamTrack[] {
  const remote = session.remoteAudio.map((t) => t.mediaStreamTrack);
  const mic = room.localParticipant.getTrackPublication(Track.Source.Microphone)?.track?.mediaStreamTrack;
  return mic ? [...remote, mic] : remote;
}
