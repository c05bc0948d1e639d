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
import { listDevices } from './devices.js';
import { LevelMeter } from './level-meter.js';

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

  async openCamera(deviceId: string | null): Promise<void> {
    this.video?.stop();
    this.video = null;
    try {
      this.video = await createLocalVideoTrack({
        resolution: VideoPresets.h720.resolution,
        ...(deviceId ? { deviceId } : {}),
      });
    } catch (err) {
      this.error = `Camera unavailable: ${err instanceof Error ? err.message : String(err)}`;
    }
  }

  async openMicrophone(deviceId: string | null): Promise<void> {
    this.#meter?.stop();
    this.audio?.stop();
    this.audio = null;
    this.level = 0;
    try {
      this.audio = await createLocalAudioTrack({
        echoCancellation: true,
        noiseSuppression: true,
        ...(deviceId ? { deviceId } : {}),
      });
      this.#meter = new LevelMeter(this.audio.mediaStreamTrack, (level) => (this.level = level));
    } catch (err) {
      this.error = `Microphone unavailable: ${err instanceof Error ? err.message : String(err)}`;
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
    this.video?.stop();
    this.video = null;
  }

  closeMicrophone(): void {
    this.#meter?.stop();
    this.#meter = null;
    this.audio?.stop();
    this.audio = null;
    this.level = 0;
  }

  /** Gives the open tracks away (to the room); the preview no longer owns or stops them. */
  handOver(): LocalTrack[] {
    this.#meter?.stop();
    this.#meter = null;
    const tracks = [this.video, this.audio].filter((t): t is LocalVideoTrack | LocalAudioTrack => t !== null);
    this.video = null;
    this.audio = null;
    return tracks;
  }

  stop(): void {
    this.closeCamera();
    this.closeMicrophone();
  }
}
