// How Convene uses livekit-client: adaptive stream and dynacast so nobody receives or sends
// more than is shown, simulcast layers for cameras, and screen shares tuned for legible text.
import {
  Room,
  setLogLevel,
  ScreenSharePresets,
  VideoPresets,
  type RoomOptions,
  type ScreenShareCaptureOptions,
} from 'livekit-client';
import type { DeviceChoices } from '../platform/platform.js';

// Every Room adds a devicechange listener to navigator.mediaDevices. With a FinalizationRegistry
// present, livekit-client (since client-sdk-js#1944) wraps it to hold the Room only weakly, but
// the wrapper's closure shares the constructor's scope, which holds `this`, so the Room is never
// collected and nothing removes the wrapper: every meeting left ~60 KB of heap behind (measured
// by bench/room-scale/leaks). Without the registry it registers the Room's own handler, which
// disconnect() removes. Upstream: livekit/client-sdk-js#2008 (open), fix proposed in #2009.
Room.cleanupRegistry = false;

// livekit-client logs every connect, ICE and subscription step at 'info'. To a user that is
// console noise, and an open DevTools keeps each message (about 2.5 KB a join, seen in
// bench/room-scale/leaks). Warnings and errors still show.
setLogLevel('warn');

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
