// Composition root of the desktop app: builds the services and wires them to Electron. No
// logic lives here; each piece is in services/ (plain Node) or adapters/ (thin Electron glue).
import { app, ipcMain, powerMonitor, session, shell, type BrowserWindow } from 'electron';
import { join } from 'node:path';
import type { EventName, Events } from './contract.js';
import { registerIpc, sendEvent } from './ipc.js';
import { APP_ORIGIN, type TrustedOrigins } from './origins.js';
import { addCspToDevServer, registerAppScheme, serveRenderer } from './adapters/app-protocol.js';
import { claimDeepLinks, type DeepLinkInbox } from './adapters/deep-links.js';
import { desktopSources } from './adapters/desktop-sources.js';
import { installDisplayMediaHandler, loopbackAudioSupported } from './adapters/display-media.js';
import {
  applyHardwareAccelerationMarker,
  rememberHardwareAcceleration,
} from './adapters/hardware-acceleration.js';
import { detectInstallKind } from './adapters/install-kind.js';
import { electronLogSink } from './adapters/log-sink.js';
import { askForCameraAndMicrophone } from './adapters/media-access.js';
import { installPermissionHandlers } from './adapters/permissions.js';
import { safeStorageEncryption } from './adapters/safe-storage.js';
import { TrayController } from './adapters/tray.js';
import { startAutoUpdates } from './adapters/updater.js';
import { presentRemoteVideoAsDecoded } from './adapters/video-presentation.js';
import { createMainWindow } from './adapters/windows.js';
import { externalLinkAllowed } from './services/deep-link.js';
import { DeepLinkRouter } from './services/deep-link-router.js';
import { createRingPort } from './adapters/ring-window.js';
import { createDesktopServices } from './services/desktop-services.js';
import { loadKeytar } from './services/load-keytar.js';
import { createLogger } from './services/logger.js';
import { jsonPolicyReader, osPolicyReaders } from './services/policy.js';

registerAppScheme();
const logSink = electronLogSink();
const log = createLogger(logSink, 'main');
// Only an unpackaged (development) build may point elsewhere; installed apps obey IT's paths.
const devOverride = (name: string) => (app.isPackaged ? undefined : process.env[name]);
// Tests run each app instance with its own settings and credential file.
const userDataOverride = devOverride('CONVENE_USER_DATA_DIR');
if (userDataOverride) app.setPath('userData', userDataOverride);
applyHardwareAccelerationMarker();
presentRemoteVideoAsDecoded();

async function start(inbox: DeepLinkInbox): Promise<void> {
  // The window and the quitting flag belong to this run of the app, not to the module.
  let mainWindow: BrowserWindow | undefined;
  let quitting = false;
  app.on('before-quit', () => (quitting = true));
  const devServerOrigin = devOverride('CONVENE_DEV_SERVER_URL');
  const trusted: TrustedOrigins = devServerOrigin ? { devServerOrigin: new URL(devServerOrigin).origin } : {};
  const appUrl = (page: string) => `${trusted.devServerOrigin ?? APP_ORIGIN}/${page}`;
  // Calls ring even with the app window closed: main keeps the push channel
  // (services/push-service.ts) and shows its own ring window (adapters/ring-window.ts).
  const ring = createRingPort({
    url: appUrl('ring.html'),
    preloadPath: join(import.meta.dirname, 'preload.cjs'),
    trusted,
    openApp: () => show(),
    onRinging: (text) => tray.showRinging(text),
    log: log.child('ring'),
  });
  // Both windows hear every event; each page listens only to what it shows.
  const emit = <E extends EventName>(event: E, payload: Events[E]) => {
    sendEvent(mainWindow?.webContents, event, payload);
    sendEvent(ring.contents(), event, payload);
  };
  const services = await createDesktopServices({
    appInfo: {
      name: app.getName(),
      version: app.getVersion(),
      platform: process.platform as 'darwin' | 'win32' | 'linux',
      electronVersion: process.versions.electron ?? null,
    },
    userDataDir: app.getPath('userData'),
    policyReaders: policyReaders(),
    installKind: await detectInstallKind(),
    idleSeconds: () => powerMonitor.getSystemIdleTime(),
    keytar: await loadKeytar(log),
    encryption: safeStorageEncryption,
    sources: desktopSources,
    audioSupported: loopbackAudioSupported(process.platform),
    emit,
    logSink,
    videosDir: app.getPath('videos'),
    recordingOs: { showInFolder: (path) => shell.showItemInFolder(path), playbackBase: APP_ORIGIN },
    ring,
  });
  const { policy, meeting } = services;
  const keys = services.policyState.resolve(services.settings.userChoices());
  await rememberHardwareAcceleration(keys.hardwareAcceleration.value);
  registerIpc(ipcMain, services.handlers, trusted, log.child('ipc'));

  const ses = session.defaultSession;
  serveRenderer(ses, join(import.meta.dirname, '..', 'renderer'), services.recordings);
  if (trusted.devServerOrigin) addCspToDevServer(ses, trusted.devServerOrigin);
  installPermissionHandlers(ses, trusted);
  installDisplayMediaHandler(ses, {
    picker: services.picker,
    trusted,
    log: log.child('screen'),
    platform: process.platform,
    env: process.env,
  });

  const router = new DeepLinkRouter({ policy, currentServerUrl: services.currentServerUrl, emit, show, log });
  const openWindow = () => {
    const window = createMainWindow({
      url: trusted.devServerOrigin ?? appUrl('index.html'),
      preloadPath: join(import.meta.dirname, 'preload.cjs'),
      trusted,
      externalAllowed: (url) =>
        externalLinkAllowed(url, {
          allowedHosts: policy.allowedDeepLinkHosts,
          currentServerUrl: services.currentServerUrl(),
        }),
      meeting,
      isQuitting: () => quitting,
      log: log.child('window'),
    });
    window.webContents.on('did-finish-load', () => router.markReady());
    window.on('closed', () => (mainWindow = undefined));
    return window;
  };
  function show(): void {
    mainWindow ??= openWindow();
    mainWindow.show();
    mainWindow.focus();
  }
  mainWindow = openWindow();
  inbox.attach(router);
  inbox.onSecondInstance(show);

  const tray = new TrayController({
    iconDir: app.isPackaged
      ? join(process.resourcesPath, 'tray')
      : join(import.meta.dirname, '..', '..', 'resources', 'tray'),
    meeting,
    onCommand: (command) => emit('tray.command', command),
    onShow: show,
    onQuit: () => app.quit(),
    log: log.child('tray'),
  });
  app.on('activate', show);
  app.on('will-quit', () => {
    tray.dispose();
    services.dispose();
  });

  await askForCameraAndMicrophone(log);
  await services.auth.restore();
  const stopUpdates = startAutoUpdates(services.updatePlan, services.updates, log.child('update'));
  app.on('will-quit', stopUpdates);
}

function policyReaders() {
  const devPolicy = devOverride('CONVENE_POLICY_PATH');
  return devPolicy ? [jsonPolicyReader(devPolicy)] : osPolicyReaders(process.platform);
}

const inbox = claimDeepLinks(app);
if (!inbox) {
  // Another instance is running and has been handed our arguments (the meeting link).
  app.quit();
} else {
  // While signed in the hidden ring window stays (adapters/ring-window.ts), so closing the app
  // window leaves the app in the tray, where calls still ring; signed out, it quits here.
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app
    .whenReady()
    .then(() => start(inbox))
    .catch((err: unknown) => {
      log.error('the app could not start', err);
      app.exit(1);
    });
}
