// Browser side of the media smoke test: a bare livekit-client participant the test drives
// through window.smoke. No UI on purpose; the meeting UI has its own tests.
import { Room, RoomEvent, Track, type RemoteTrack } from 'livekit-client';

const room = new Room();
const departed: string[] = [];
room.on(RoomEvent.ParticipantDisconnected, (p) => departed.push(p.identity));

function remoteTrack(identity: string, kind: Track.Kind): RemoteTrack | undefined {
  const participant = room.remoteParticipants.get(identity);
  for (const pub of participant?.trackPublications.values() ?? []) {
    if (pub.kind === kind && pub.track && pub.isSubscribed) return pub.track;
  }
  return undefined;
}

const smoke = {
  async join(url: string, token: string, publish: boolean): Promise<void> {
    await room.connect(url, token);
    if (publish) await room.localParticipant.enableCameraAndMicrophone();
  },
  remoteIdentities: (): string[] => [...room.remoteParticipants.keys()],
  departed: (): string[] => departed,
  hasTrack: (identity: string, kind: 'video' | 'audio'): boolean =>
    remoteTrack(identity, kind === 'video' ? Track.Kind.Video : Track.Kind.Audio) !== undefined,

  /** Attaches the remote video and counts decoded frames for `ms` milliseconds. */
  async videoFrames(
    identity: string,
    ms: number,
  ): Promise<{ width: number; height: number; frames: number }> {
    const track = remoteTrack(identity, Track.Kind.Video);
    if (!track) throw new Error(`no video track from ${identity}`);
    const video = track.attach() as HTMLVideoElement;
    video.muted = true;
    document.body.append(video);
    let frames = 0;
    const onFrame = (): void => {
      frames += 1;
      video.requestVideoFrameCallback(onFrame);
    };
    video.requestVideoFrameCallback(onFrame);
    await new Promise((r) => setTimeout(r, ms));
    return { width: video.videoWidth, height: video.videoHeight, frames };
  },

  /** Peak level of the remote audio over `ms` milliseconds (the fake microphone beeps). */
  async audioPeak(identity: string, ms: number): Promise<number> {
    const track = remoteTrack(identity, Track.Kind.Audio);
    if (!track) throw new Error(`no audio track from ${identity}`);
    // Chromium only feeds a remote WebRTC stream into Web Audio once a media element plays it.
    document.body.append(track.attach());
    const context = new AudioContext();
    const analyser = context.createAnalyser();
    context.createMediaStreamSource(new MediaStream([track.mediaStreamTrack])).connect(analyser);
    const samples = new Float32Array(analyser.fftSize);
    let peak = 0;
    const deadline = performance.now() + ms;
    while (performance.now() < deadline) {
      analyser.getFloatTimeDomainData(samples);
      for (const s of samples) peak = Math.max(peak, Math.abs(s));
      await new Promise((r) => setTimeout(r, 20));
    }
    await context.close();
    return peak;
  },

  leave: (): Promise<void> => room.disconnect(),
};

declare global {
  interface Window {
    smoke: typeof smoke;
  }
}
window.smoke = smoke;
