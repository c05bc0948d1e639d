// Answers the renderer's getDisplayMedia with the app's own picker (rendered by the renderer,
// which already owns the meeting UI, so the picker looks and behaves like the rest of the app).
// On Linux Wayland the XDG desktop portal already shows the system picker when sources are
// requested, so its single choice is used directly instead of showing a second picker.
import { desktopCapturer, type Session } from 'electron';
import { isTrustedUrl, type TrustedOrigins } from '../origins.js';
import type { Logger } from '../services/logger.js';
import type { ScreenPicker } from '../services/screen-picker.js';
import { checkScreenRecordingAccess } from './media-access.js';

export interface DisplayMediaOptions {
  picker: ScreenPicker;
  trusted: TrustedOrigins;
  log: Logger;
  platform: NodeJS.Platform;
  env: NodeJS.ProcessEnv;
}

/** System audio can be looped back on Windows and macOS only. */
export function loopbackAudioSupported(platform: NodeJS.Platform): boolean {
  return platform === 'win32' || platform === 'darwin';
}

export function isWayland(platform: NodeJS.Platform, env: NodeJS.ProcessEnv): boolean {
  return platform === 'linux' && env.XDG_SESSION_TYPE === 'wayland';
}

export function installDisplayMediaHandler(session: Session, opts: DisplayMediaOptions): void {
  const wayland = isWayland(opts.platform, opts.env);
  session.setDisplayMediaRequestHandler(
    (request, callback) => {
      const answer = async () => {
        if (!isTrustedUrl(request.frame?.url, opts.trusted)) return null;
        if (opts.platform === 'darwin' && !(await checkScreenRecordingAccess(opts.log))) return null;
        if (wayland) {
          // The portal dialog opens here and returns the one source the user picked.
          const [source] = await desktopCapturer.getSources({ types: ['screen', 'window'] });
          return source ? { video: { id: source.id, name: source.name } } : null;
        }
        const choice = await opts.picker.request();
        if (!choice) return null;
        return {
          video: { id: choice.source.id, name: choice.source.name },
          ...(choice.audio ? { audio: 'loopback' as const } : {}),
        };
      };
      answer().then(
        (streams) => callback(streams),
        (err: unknown) => {
          opts.log.error('screen share request failed', err);
          callback(null);
        },
      );
    },
    { useSystemPicker: wayland },
  );
}
