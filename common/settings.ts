// The user settings every client starts from: the desktop app's settings file and the web
// client's local storage fall back to the same values.
import type { Settings } from '../electron/contract.js';

export const DEFAULT_SETTINGS: Settings = {
  cameraId: null,
  microphoneId: null,
  speakerId: null,
  joinWithCamera: true,
  joinWithMicrophone: true,
  serverUrl: null,
};
