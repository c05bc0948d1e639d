// Chooses the Platform once at startup: the desktop app's preload bridge when it exists,
// otherwise the app server that served this page.
import { createElectronPlatform } from './electron.js';
import type { Platform } from './platform.js';
import { createWebPlatform } from './web.js';

export function choosePlatform(): Platform {
  return window.convene ? createElectronPlatform(window.convene) : createWebPlatform(location.origin);
}
