// The main window: sandboxed, context-isolated, no Node; navigation away from the app and new
// windows are refused, except links IT allows, which open in the user's browser.
import { BrowserWindow, shell } from 'electron';
import { isTrustedUrl, type TrustedOrigins } from '../origins.js';
import type { Logger } from '../services/logger.js';
import type { MeetingStateHolder } from '../services/meeting-state.js';
import { closeAction } from '../services/tray-model.js';

export interface MainWindowOptions {
  url: string;
  preloadPath: string;
  trusted: TrustedOrigins;
  externalAllowed: (url: string) => boolean;
  meeting: MeetingStateHolder;
  isQuitting: () => boolean;
  log: Logger;
}

export function createMainWindow(opts: MainWindowOptions): BrowserWindow {
  const window = new BrowserWindow({
    width: 1280,
    height: 800,
    minWidth: 720,
    minHeight: 480,
    title: 'Convene',
    show: false,
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
      // Middle-click would open links in new windows, around setWindowOpenHandler.
      disableBlinkFeatures: 'Auxclick',
    },
  });
  const contents = window.webContents;

  const openOutside = (url: string) => {
    if (opts.externalAllowed(url)) void shell.openExternal(url);
    else opts.log.warn('blocked a link', { to: originOf(url) });
  };
  contents.on('will-navigate', (event, url) => {
    if (isTrustedUrl(url, opts.trusted)) return;
    event.preventDefault();
    openOutside(url);
  });
  contents.on('will-redirect', (event, url) => {
    if (!isTrustedUrl(url, opts.trusted)) event.preventDefault();
  });
  contents.setWindowOpenHandler(({ url }) => {
    openOutside(url);
    return { action: 'deny' };
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());

  window.on('close', (event) => {
    if (closeAction(opts.meeting.get(), opts.isQuitting()) === 'hide') {
      event.preventDefault();
      window.hide();
    }
  });
  window.once('ready-to-show', () => window.show());
  void window.loadURL(opts.url);
  return window;
}

/** Paths and queries can carry invite codes; logs get the origin only. */
function originOf(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return 'an unparsable URL';
  }
}
