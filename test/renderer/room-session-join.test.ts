import { JoinResponse, ParticipantInfo, TrackInfo, TrackSource, TrackType } from '@livekit/protocol';
import { RoomEvent } from 'livekit-client';
import { flushSync } from 'svelte';
import { afterEach, describe, expect, it } from 'vitest';
import { RoomSession } from '../../renderer/src/room/room-session.svelte.js';

// A real livekit-client Room inside a real RoomSession. Under Node the Room cannot connect (no
// WebRTC), so the join response is handed to it the way Room.connect does once the signal
// connection answers (applyJoinResponse, then SignalConnected): the one step stood in for here.
// Without this, a track arriving for someone not yet placed counted as off screen and was
// dropped and taken again (bench/join counts the subscriptions each join drops).
const devices = {
  cameraId: null,
  microphoneId: null,
  speakerId: null,
  joinWithCamera: false,
  joinWithMicrophone: false,
};

function joinResponse(): JoinResponse {
  const camera = new TrackInfo({
    sid: 'TR_cam',
    name: 'camera',
    type: TrackType.VIDEO,
    source: TrackSource.CAMERA,
  });
  return new JoinResponse({
    participant: new ParticipantInfo({ sid: 'PA_bob', identity: 'bob', name: 'Bob' }),
    otherParticipants: [
      new ParticipantInfo({ sid: 'PA_alice', identity: 'alice', name: 'Alice', tracks: [camera] }),
    ],
  });
}

interface JoinableRoom {
  applyJoinResponse(response: JoinResponse): void;
}

let session: RoomSession | null = null;
afterEach(() => {
  session?.view.dispose();
  session = null;
});

describe('joining a room with someone in it', () => {
  it('places them with the join response, before any track arrives', () => {
    session = new RoomSession(devices);
    const room = session.room;
    (room as unknown as JoinableRoom).applyJoinResponse(joinResponse());
    room.emit(RoomEvent.SignalConnected);
    flushSync();

    expect(session.participants.map((p) => p.identity)).toContain('alice');
    expect(session.view.visible.has('alice')).toBe(true);
  });
});
