// Meeting links from the OS: convene:// is registered for the app; a second launch (Windows and
// Linux pass the link in argv) forwards to the running instance; macOS sends 'open-url', which
// can arrive before the app is ready, so links wait until a router is attached.
import type { App } from 'electron';
import { deepLinkFromArgv } from '../services/deep-link.js';
import type { DeepLinkRouter } from '../services/deep-link-router.js';

export interface DeepLinkInbox {
  attach(router: DeepLinkRouter): void;
  /** Called when another launch was forwarded here, link or not (bring the window up). */
  onSecondInstance(listener: () => void): void;
}

/** Claims the single-instance lock; undefined when another instance runs (this one must quit). */
export function claimDeepLinks(app: App): DeepLinkInbox | undefined {
  if (!app.requestSingleInstanceLock()) return undefined;
  // In development Electron runs as `electron dist/electron/main.js`: register that path too.
  if (process.defaultApp && process.argv[1]) {
    app.setAsDefaultProtocolClient('convene', process.execPath, [process.argv[1]]);
  } else {
    app.setAsDefaultProtocolClient('convene');
  }
  let router: DeepLinkRouter | undefined;
  const waiting: string[] = [];
  let secondInstance = () => {};
  const deliver = (link: string) => (router ? router.handle(link) : waiting.push(link));

  app.on('second-instance', (_event, argv) => {
    secondInstance();
    const link = deepLinkFromArgv(argv);
    if (link) deliver(link);
  });
  app.on('open-url', (event, url) => {
    event.preventDefault();
    deliver(url);
  });
  const initial = deepLinkFromArgv(process.argv);
  if (initial) waiting.push(initial);

  return {
    attach(next) {
      router = next;
      for (const link of waiting.splice(0)) next.handle(link);
    },
    onSecondInstance(listener) {
      secondInstance = listener;
    },
  };
}
