// macOS asks the user for camera, microphone and screen-recording access per app. Camera and
// microphone can be requested; screen recording can only be detected, so we explain where to
// grant it instead of failing silently with a black screen.
import { dialog, shell, systemPreferences } from 'electron';
import type { Logger } from '../services/logger.js';
import { screenRecordingMessage } from './screen-recording.js';

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
