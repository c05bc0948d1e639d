// A LiveKit participant in Node (@livekit/rtc-node) for tests that need someone really in the
// room: joins with a token from the app server and can try to publish a microphone track.
import {
  AudioSource,
  LocalAudioTrack,
  Room,
  RoomEvent,
  TrackPublishOptions,
  TrackSource,
} from '@livekit/rtc-node';

export interface Bot {
  room: Room;
  /** Tries to publish a microphone track; false if the server did not accept it in time. */
  publishMicrophone(timeoutMs?: number): Promise<boolean>;
  /** Resolves when the server disconnects this bot (removed, room ended). */
  disconnected: Promise<void>;
  leave(): Promise<void>;
}

export async function joinBot(url: string, token: string): Promise<Bot> {
  const room = new Room();
  const disconnected = new Promise<void>((resolve) => room.once(RoomEvent.Disconnected, () => resolve()));
  await room.connect(url, token, { autoSubscribe: false, dynacast: false });
  return {
    room,
    disconnected,
    async publishMicrophone(timeoutMs = 5000) {
      const track = LocalAudioTrack.createAudioTrack('microphone', new AudioSource(48_000, 1));
      const options = new TrackPublishOptions();
      options.source = TrackSource.SOURCE_MICROPHONE;
      const local = room.localParticipant;
      if (!local) return false;
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<false>((resolve) => {
        timer = setTimeout(() => resolve(false), timeoutMs);
      });
      try {
        return await Promise.race([local.publishTrack(track, options).then(() => true), timeout]);
      } catch {
        return false; // refused by the server: the caller asserts on the outcome
      } finally {
        clearTimeout(timer);
      }
    },
    async leave() {
      if (room.isConnected) await room.disconnect();
    },
  };
}
