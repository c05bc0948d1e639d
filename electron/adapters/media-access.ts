// macOS asks the user for camera, microphone and screen-recording access per app. Camera and
// microphone can be requested; screen recording can only be detected, so we explain where to
// grant it instead of failing silently with a black screen.
import { dialog, shell, systemPreferences } from 'electron';
import type { Logger } from '../services/logger.js';

export type MacAccessStatus = 'not-determined' | 'granted' | 'denied' | 'restricted' | 'unknown';

/** The sentence to show for a screen-recording status, or undefined when sharing can go ahead. */
export function screenRecordingMessage(status: MacAccessStatus): string | undefined {
  switch (status) {
    case 'granted':
    case 'not-determined': // macOS shows its own prompt on first capture
      return undefined;
    case 'denied':
    case 'unknown':
      return 'Convene is not allowed to record your screen. Allow it in System Settings › Privacy & Security › Screen & System Audio Recording, then restart Convene.';
    case 'restricted':
      return 'Screen recording is blocked on this Mac by a device policy; ask your IT department.';
    default: {
      const unexpected: never = status;
      return `Unexpected screen-recording status ${String(unexpected)}.`;
    }
  }
}

export async function askForCameraAndMicrophone(log: Logger): Promise<void> {
  if (process.platform !== 'darwin') return;
  for (const media of ['camera', 'microphone'] as const) {
    if (systemPreferences.getMediaAccessStatus(media) === 'not-determined') {
      const granted = await systemPreferences.askForMediaAccess(media);
      log.info(`macOS ${media} access`, { granted });
    }
  }
}

export async function checkScreenRecordingAccess(log: Logger): Promise<boolean> {
  const message = screenRecordingMessage(systemPreferences.getMediaAccessStatus('screen'));
  if (!message) return true;
  log.warn('screen recording not allowed by macOS');
  const { response } = await dialog.showMessageBox({
    type: 'warning',
    message: 'Screen sharing is not allowed',
    detail: message,
    buttons: ['Open System Settings', 'Cancel'],
    defaultId: 0,
    cancelId: 1,
  });
  if (response === 0) {
    await shell.openExternal('x-apple.systempreferences:com.apple.preference.security?Privacy_ScreenCapture');
  }
  return false;
}
