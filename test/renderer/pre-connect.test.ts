import { afterEach, describe, expect, it } from 'vitest';
import { PreConnect, takeNextRoom } from '../../renderer/src/room/pre-connect.svelte.js';
import type { DeviceChoices, Platform } from '../../renderer/src/platform/platform.js';
import type { Room as RoomInfo } from '../../common/api.js';

// The Room the lobby makes ahead (a real livekit-client Room; under Node it has no peer
// connection to prepare, so only the handing over and the device choices are exercised here;
// test/e2e/meeting-preconnect.spec.ts covers the transport in Chromium).
const choices = (over: Partial<DeviceChoices> = {}): DeviceChoices => ({
  cameraId: 'camera-a',
  microphoneId: 'mic-a',
  speakerId: null,
  joinWithCamera: true,
  joinWithMicrophone: true,
  ...over,
});

/** A platform whose join answers are never settled: these tests look only at the Room. */
const platform = { call: () => new Promise(() => undefined) } as unknown as Platform;
const roomTarget = (waitingRoom = false) => ({
  kind: 'room' as const,
  room: { id: 'r1', waitingRoom } as unknown as RoomInfo,
});

let lobby: PreConnect | null = null;
afterEach(async () => {
  lobby?.stop();
  lobby = null;
  await takeNextRoom(choices()); // leave no Room behind for the next test
});

describe('the Room made in the lobby', () => {
  it('is handed over once, with the devices chosen after it was made', async () => {
    let current = choices();
    lobby = new PreConnect(platform, roomTarget(), () => current);
    lobby.start();
    current = choices({ cameraId: 'camera-b' });

    const room = await takeNextRoom(current);
    expect(room).not.toBeNull();
    expect(room!.options.videoCaptureDefaults?.deviceId).toEqual({ exact: 'camera-b' });
    expect(room!.options.audioCaptureDefaults?.deviceId).toBe('mic-a');
    // (The speaker goes the same way where the browser can pick one, setSinkId: Node cannot.)
    expect(await takeNextRoom(current)).toBeNull();
  });

  it('is kept for the next lobby when one is left without joining', async () => {
    const first = new PreConnect(platform, roomTarget(), () => choices());
    first.start();
    first.stop();
    lobby = new PreConnect(platform, roomTarget(), () => choices({ cameraId: 'camera-c' }));
    lobby.start();
    const room = await takeNextRoom(choices());
    // The first lobby's Room, made with camera-a: the second made none of its own.
    expect(room!.options.videoCaptureDefaults?.deviceId).toBe('camera-a');
  });

  it('is not made for a room with a waiting room (asking to join there is knocking)', async () => {
    lobby = new PreConnect(platform, roomTarget(true), () => choices());
    lobby.start();
    expect(await takeNextRoom(choices())).toBeNull();
  });
});
