// The lobby's camera preview, microphone meter and device lists. The tracks it opens are handed
// to the room on join, so joining needs no second getUserMedia.
import {
  createLocalAudioTrack,
  createLocalVideoTrack,
  VideoPresets,
  type LocalAudioTrack,
  type LocalTrack,
  type LocalVideoTrack,
} from 'livekit-client';
import type { DeviceChoices } from '../platform/platform.js';
import { afterJoinStarts } from '../lib/join-path.js';
import { listDevices } from './devices.js';
import { LevelMeter } from './level-meter.js';

type Device = 'camera' | 'microphone';
const DEVICE_NAMES: Record<Device, string> = { camera: 'Camera', microphone: 'Microphone' };

export class LobbyPreview {
  cameras = $state<MediaDeviceInfo[]>([]);
  microphones = $state<MediaDeviceInfo[]>([]);
  speakers = $state<MediaDeviceInfo[]>([]);
  video = $state<LocalVideoTrack | null>(null);
  audio = $state<LocalAudioTrack | null>(null);
  level = $state(0);
  error = $state('');
  /** Reactive, so the lobby's toggles show what the user chose. */
  choices: DeviceChoices;
  #meter: LevelMeter | null = null;
  /** Device opens under way: handOver waits for them, so a click on Join while one is still
   *  opening hands its track to the room instead of leaving it open behind the meeting. Not
   *  state: nothing renders from it. */
  // eslint-disable-next-line svelte/prefer-svelte-reactivity
  readonly #opening = new Set<Promise<void>>();
  /** Bumped whenever a device's track is closed or replaced: an open that finishes after its
   *  ticket changed (a newer choice, the device turned off, the lobby stopped) stops its own
   *  track. */
  readonly #tickets: Record<Device, number> = { camera: 0, microphone: 0 };
  #handingOver: Promise<LocalTrack[]> | null = null;

  constructor(choices: DeviceChoices) {
    this.choices = $state(choices);
  }

  async start(): Promise<void> {
    await Promise.all([
      this.choices.joinWithCamera ? this.openCamera(this.choices.cameraId) : null,
      this.choices.joinWithMicrophone ? this.openMicrophone(this.choices.microphoneId) : null,
    ]);
    await this.refreshDevices();
  }

  async refreshDevices(): Promise<void> {
    // Labels are only filled once a permission was granted, hence after opening the tracks.
    const devices = await listDevices();
    this.cameras = devices.videoinput;
    this.microphones = devices.audioinput;
    this.speakers = devices.audiooutput;
  }

  openCamera(deviceId: string | null): Promise<void> {
    this.closeCamera();
    return this.#open(
      'camera',
      () =>
        createLocalVideoTrack({
          resolution: VideoPresets.h720.resolution,
          ...(deviceId ? { deviceId } : {}),
        }),
      (track) => (this.video = track),
    );
  }

  openMicrophone(deviceId: string | null): Promise<void> {
    this.closeMicrophone();
    return this.#open(
      'microphone',
      () =>
        createLocalAudioTrack({
          echoCancellation: true,
          noiseSuppression: true,
          ...(deviceId ? { deviceId } : {}),
        }),
      (track) => {
        this.audio = track;
        this.#meter = new LevelMeter(track.mediaStreamTrack, (level) => (this.level = level));
      },
    );
  }

  /** Opens a device's track and keeps it, unless the device's ticket changed meanwhile; counted
   *  in #opening until done. */
  async #open<T extends LocalTrack>(
    device: Device,
    create: () => Promise<T>,
    keep: (track: T) => void,
  ): Promise<void> {
    const ticket = this.#tickets[device];
    const current = () => ticket === this.#tickets[device];
    const opening = (async () => {
      try {
        const track = await create();
        if (current()) keep(track);
        else track.stop();
      } catch (err) {
        if (current()) this.error = `${DEVICE_NAMES[device]} unavailable: ${errorMessage(err)}`;
      }
    })();
    this.#opening.add(opening);
    try {
      await opening;
    } finally {
      this.#opening.delete(opening);
    }
  }

  async setCameraOn(on: boolean): Promise<void> {
    this.choices.joinWithCamera = on;
    if (on) await this.openCamera(this.choices.cameraId);
    else this.closeCamera();
  }

  async setMicrophoneOn(on: boolean): Promise<void> {
    this.choices.joinWithMicrophone = on;
    if (on) await this.openMicrophone(this.choices.microphoneId);
    else this.closeMicrophone();
  }

  closeCamera(): void {
    this.#tickets.camera += 1;
    this.video?.stop();
    this.video = null;
  }

  closeMicrophone(): void {
    this.#tickets.microphone += 1;
    this.#meter?.stop();
    this.#meter = null;
    this.audio?.stop();
    this.audio = null;
    this.level = 0;
  }

  /** Gives the tracks away (to the room) once the opens under way have finished; the preview no
   *  longer owns or stops them. */
  handOver(): Promise<LocalTrack[]> {
    const handing = this.#settleAndTake();
    this.#handingOver = handing;
    void handing.finally(() => {
      if (this.#handingOver === handing) this.#handingOver = null;
    });
    return handing;
  }

  async #settleAndTake(): Promise<LocalTrack[]> {
    await afterJoinStarts(); // the preview shows on until the meeting's connection is under way
    while (this.#opening.size > 0) await Promise.allSettled([...this.#opening]);
    this.#meter?.stop();
    this.#meter = null;
    const tracks = [this.video, this.audio].filter((t): t is LocalVideoTrack | LocalAudioTrack => t !== null);
    this.video = null;
    this.audio = null;
    this.level = 0;
    return tracks;
  }

  /** Closes the preview's tracks; during a hand-over, only what is left once it is done. */
  stop(): void {
    if (this.#handingOver) {
      void this.#handingOver.then(() => this.stop());
      return;
    }
    this.closeCamera();
    this.closeMicrophone();
  }
}

function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
