// The Electron side of ringing (services/ring-controller.ts decides when, services/ring-answers.ts
// what the buttons do): a small ring window of its own (ring.html), frameless, always on top at
// the 'screen-saver' level, off the taskbar, shown without taking the focus at the top-right of
// the work area of the display nearest the cursor (services/ring-placement.ts), one card per
// ring; the page plays the ring tone. Also an OS notification per ring and the tray tooltip.
// The window is created hidden at sign-in (prepare) and kept for every ring, so a ring costs no
// page load; while it exists the app lives on in the tray when its app window is closed (no
// 'window-all-closed'), which is what lets a call ring then; it goes at sign-out (release). One
// closed meanwhile (Alt+F4, which only dismisses it: the call rings on elsewhere until it is
// answered, declined or given up) is created again by the next ring, whose page then asks main
// what rings (ring.current), having missed the event. The page reports its content's height
// (ring.fit) and the window takes it, so a card that wraps onto more lines is not cut off.
// Thin glue that needs the Electron binary, which cannot run here: type-checked only.
import { BrowserWindow, Notification, screen, type WebContents } from 'electron';
import type { CallRing } from '../../common/calls.js';
import { isTrustedUrl, type TrustedOrigins } from '../origins.js';
import type { Logger } from '../services/logger.js';
import type { RingPort } from '../services/ring-controller.js';
import { RING_WINDOW, ringWindowBounds, type Point } from '../services/ring-placement.js';

export interface RingWindowOptions {
  /** The ring page: app://convene/ring.html, or the dev server's /ring.html. */
  url: string;
  preloadPath: string;
  trusted: TrustedOrigins;
  /** Opens the app window, or brings it to the front (a call was answered here). */
  openApp: () => void;
  /** Tray tooltip while something rings; null when it stops. */
  onRinging: (text: string | null) => void;
  log: Logger;
}

export interface RingWindowPort extends RingPort {
  /** The ring page, for main's events (ring.changed); undefined before the first ring. */
  contents(): WebContents | undefined;
}

export function createRingPort(opts: RingWindowOptions): RingWindowPort {
  const notifications = new Map<string, Notification>();
  const rings = new Map<string, CallRing>();
  let window: BrowserWindow | undefined;
  let ready = false;
  /** What the page last measured (ring.fit); forgotten when the rings change, until it measures again. */
  let contentHeight: number | undefined;

  const open = (): BrowserWindow => {
    if (window && !window.isDestroyed()) return window;
    ready = false;
    const created = new BrowserWindow({
      width: RING_WINDOW.width,
      height: 200,
      show: false,
      frame: false,
      resizable: false,
      minimizable: false,
      maximizable: false,
      fullscreenable: false,
      skipTaskbar: true,
      alwaysOnTop: true,
      title: 'Incoming call',
      backgroundColor: '#0f1115',
      webPreferences: {
        preload: opts.preloadPath,
        contextIsolation: true,
        sandbox: true,
        nodeIntegration: false,
        nodeIntegrationInSubFrames: false,
        webSecurity: true,
        allowRunningInsecureContent: false,
        webviewTag: false,
        navigateOnDragDrop: false,
        spellcheck: false,
        disableBlinkFeatures: 'Auxclick',
        // Nobody has clicked this window yet when it must ring.
        autoplayPolicy: 'no-user-gesture-required',
        backgroundThrottling: false,
      },
    });
    created.setAlwaysOnTop(true, 'screen-saver');
    // Kept out of screen shares and recordings: who calls is not for the meeting to see.
    created.setContentProtection(true);
    // Over full-screen apps and on every macOS Space, like a phone's ring.
    created.setVisibleOnAllWorkspaces(true, { visibleOnFullScreen: true });
    const contents = created.webContents;
    contents.on('will-navigate', (event, url) => {
      if (!isTrustedUrl(url, opts.trusted)) event.preventDefault();
    });
    contents.on('will-redirect', (event, url) => {
      if (!isTrustedUrl(url, opts.trusted)) event.preventDefault();
    });
    contents.setWindowOpenHandler(() => ({ action: 'deny' }));
    contents.on('will-attach-webview', (event) => event.preventDefault());
    created.once('ready-to-show', () => {
      ready = true;
      if (rings.size > 0) created.showInactive();
    });
    created.on('closed', () => {
      if (window === created) window = undefined;
    });
    contents.loadURL(opts.url).catch((err: unknown) => opts.log.error('the ring window did not load', err));
    window = created;
    return created;
  };

  /** Sizes the window for the rings; `near` keeps it on its screen, else the cursor's. */
  const place = (near?: Point) => {
    const target = open();
    const point = near ?? screen.getCursorScreenPoint();
    target.setBounds(ringWindowBounds(screen.getAllDisplays(), point, rings.size, contentHeight));
    if (ready) target.showInactive();
  };
  /** Where the window is now, so a resize keeps it on its screen. */
  const here = (w: BrowserWindow): Point => {
    const b = w.getBounds();
    return { x: b.x + b.width - 1, y: b.y };
  };

  return {
    hasWindow: true,
    prepare: () => void open(),
    release: () => {
      rings.clear();
      if (window && !window.isDestroyed()) window.destroy();
      window = undefined;
    },
    openApp: () => opts.openApp(),
    contents: () => (window && !window.isDestroyed() ? window.webContents : undefined),
    show(ring, sound) {
      rings.set(ring.callId, ring);
      contentHeight = undefined;
      place();
      const notification = new Notification({
        title: `${ring.caller.displayName} is calling`,
        body: `${ring.video ? 'Video call' : 'Audio call'}${ring.silent ? ' · you are in a meeting' : ''}`,
        // The ring window's page plays the ring; the notification adds no second sound.
        silent: true,
        // It does not fade while the call still rings (Windows, Linux); hide() closes it.
        timeoutType: 'never',
      });
      notification.on('click', () => window?.show());
      notification.show();
      notifications.set(ring.callId, notification);
      opts.log.info('ringing', { callId: ring.callId, sound });
    },
    hide(callId) {
      rings.delete(callId);
      notifications.get(callId)?.close();
      notifications.delete(callId);
      contentHeight = undefined;
      if (!window || window.isDestroyed()) return;
      if (rings.size === 0) {
        window.hide();
        return;
      }
      place(here(window));
    },
    fit(height) {
      contentHeight = height;
      if (window && !window.isDestroyed() && rings.size > 0) place(here(window));
    },
    setRinging(ringing) {
      const first = [...rings.values()][0];
      opts.onRinging(ringing && first ? `${first.caller.displayName} is calling` : null);
    },
  };
}
