// The Electron side of ringing (services/ring-controller.ts decides when): the app window comes
// to the front on the active screen, always on top while it rings, showing the in-page ring
// banner, which plays the ring tone (a window opened for the ring asks main what rings,
// 'ring.current'); an OS notification names the caller; the tray says who calls. Thin glue
// that needs the Electron binary, so it is type-checked only. Not yet: a separate small ring window.
import { Notification, screen, type BrowserWindow } from 'electron';
import type { CallRing } from '../../common/calls.js';
import type { RingPort } from '../services/ring-controller.js';

export interface RingWindowOptions {
  /** The app window, opened (or re-opened from the tray) if needed. */
  window: () => BrowserWindow;
  /** Tray tooltip while something rings; null when it stops. */
  onRinging: (text: string | null) => void;
}

export function createRingPort(opts: RingWindowOptions): RingPort {
  const notifications = new Map<string, Notification>();
  const rings = new Map<string, CallRing>();
  return {
    show(ring, sound) {
      rings.set(ring.callId, ring);
      const window = opts.window();
      const display = screen.getDisplayNearestPoint(screen.getCursorScreenPoint());
      const here = screen.getDisplayMatching(window.getBounds());
      if (here.id !== display.id) {
        const { x, y, width, height } = display.workArea;
        const size = window.getBounds();
        window.setBounds({
          x: x + Math.max(0, Math.round((width - size.width) / 2)),
          y: y + Math.max(0, Math.round((height - size.height) / 2)),
          width: Math.min(size.width, width),
          height: Math.min(size.height, height),
        });
      }
      window.setAlwaysOnTop(true, 'screen-saver');
      window.showInactive();
      const notification = new Notification({
        title: `${ring.caller.displayName} is calling`,
        body: ring.silent ? 'You are in a meeting: answer from the banner.' : 'Open Convene to answer.',
        silent: !sound,
      });
      notification.on('click', () => window.focus());
      notification.show();
      notifications.set(ring.callId, notification);
    },
    hide(callId) {
      rings.delete(callId);
      notifications.get(callId)?.close();
      notifications.delete(callId);
      if (rings.size === 0) opts.window().setAlwaysOnTop(false);
    },
    setRinging(ringing) {
      const first = [...rings.values()][0];
      opts.onRinging(ringing && first ? `${first.caller.displayName} is calling` : null);
    },
  };
}
