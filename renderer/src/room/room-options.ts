// How Convene uses livekit-client: adaptive stream and dynacast so nobody receives or sends
// more than is shown, simulcast layers for cameras, and screen shares tuned for legible text.
import {
  ScreenSharePresets,
  VideoPresets,
  type RoomOptions,
  type ScreenShareCaptureOptions,
} from 'livekit-client';
import type { DeviceChoices } from '../platform/platform.js';

export function roomOptions(devices: DeviceChoices): RoomOptions {
  return {
    adaptiveStream: true,
    dynacast: true,
    videoCaptureDefaults: {
      resolution: VideoPresets.h720.resolution,
      ...(devices.cameraId ? { deviceId: devices.cameraId } : {}),
    },
    audioCaptureDefaults: {
      echoCancellation: true,
      noiseSuppression: true,
      ...(devices.microphoneId ? { deviceId: devices.microphoneId } : {}),
    },
    audioOutput: devices.speakerId ? { deviceId: devices.speakerId } : undefined,
    publishDefaults: {
      simulcast: true,
      videoSimulcastLayers: [VideoPresets.h180, VideoPresets.h360],
      screenShareEncoding: ScreenSharePresets.h1080fps15.encoding,
      dtx: true,
      red: true,
    },
  };
}

export const SCREEN_SHARE_CAPTURE: ScreenShareCaptureOptions = {
  audio: false,
  // 'detail' keeps text sharp instead of smooth motion: slides and code, not video.
  contentHint: 'detail',
  resolution: ScreenSharePresets.h1080fps15.resolution,
};
