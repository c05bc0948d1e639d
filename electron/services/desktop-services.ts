// Builds every main-process service from a few ports. main.ts calls it with Electron's
// facilities; the tests call it with real stand-ins (a temp directory, the test keychain),
// so the app and the tests run the same composition.
import { join } from 'node:path';
import type { AppInfo, EffectivePolicy } from '../contract.js';
import { createApiClient, type ApiCall } from '../../common/api.js';
import { AuthService } from './auth-service.js';
import { chooseCredentialStore } from './choose-credential-store.js';
import type { CredentialStore } from './credential-store.js';
import type { EncryptionPort } from './encrypted-file-store.js';
import type { EmitEvent } from './events.js';
import { createHandlers, type Handlers } from './handlers.js';
import type { KeytarPort } from './keytar-store.js';
import { createLogger, type LogSink } from './logger.js';
import { MeetingStateHolder } from './meeting-state.js';
import { effectiveServerUrl, loadPolicy } from './policy.js';
import type { SocketLike } from '../../common/push-client.js';
import { desktopCallsHandlers } from './calls-api.js';
import { PushService } from './push-service.js';
import { RingController, type RingPort } from './ring-controller.js';
import { ScreenPicker, type SourcesPort } from './screen-picker.js';
import { SettingsStore } from './settings-store.js';

export const APP_ID = 'com.convene.desktop';

export interface DesktopPorts {
  appInfo: Omit<AppInfo, 'policyError' | 'settingsWarning'>;
  /** Per-user data directory (settings, the encrypted credential fallback). */
  userDataDir: string;
  policyPath: string;
  keytar: KeytarPort | undefined;
  encryption: EncryptionPort | undefined;
  sources: SourcesPort;
  audioSupported: boolean;
  emit: EmitEvent;
  logSink: LogSink;
  /** Keychain service name; tests use a unique one. */
  credentialService?: string;
  fetch?: typeof fetch;
  refreshMarginMs?: number;
  /** The push channel's WebSocket (default: the global one; Node 20 tests pass `ws`). */
  createSocket?: (url: string) => SocketLike;
  /** The ring window, notification, sound and tray (the Electron adapter); none in tests. */
  ring?: RingPort;
}

export interface DesktopServices {
  handlers: Handlers;
  /** The app-server client behind `api.call` (signed in through `auth`). */
  api: ApiCall;
  policy: EffectivePolicy;
  settings: SettingsStore;
  auth: AuthService;
  credentials: CredentialStore;
  picker: ScreenPicker;
  meeting: MeetingStateHolder;
  push: PushService;
  rings: RingController | null;
  currentServerUrl(): string | null;
  dispose(): void;
}

export async function createDesktopServices(ports: DesktopPorts): Promise<DesktopServices> {
  const log = createLogger(ports.logSink, 'main');
  const policy = await loadPolicy(ports.policyPath, log.child('policy'));
  const settings = new SettingsStore(join(ports.userDataDir, 'settings.json'), log.child('settings'));
  await settings.load();
  const { store, warning } = await chooseCredentialStore({
    service: ports.credentialService ?? APP_ID,
    keytar: ports.keytar,
    encryption: ports.encryption,
    encryptedFilePath: join(ports.userDataDir, 'credentials.json'),
    log: log.child('credentials'),
  });
  const auth = new AuthService({
    store,
    ...(warning ? { storeWarning: warning } : {}),
    settings,
    policy,
    log: log.child('auth'),
    ...(ports.fetch ? { fetch: ports.fetch } : {}),
    ...(ports.refreshMarginMs !== undefined ? { refreshMarginMs: ports.refreshMarginMs } : {}),
    onChange: (state) => {
      ports.emit('auth.changed', state);
      push.onAuth(state);
    },
  });
  settings.onChange((next) => ports.emit('settings.changed', next));
  const currentServerUrl = () => auth.status().serverUrl || effectiveServerUrl(policy, settings.get());
  // The one app-server client: the access token comes from auth, public calls (guests) go to
  // the server they name or the current one.
  const api = createApiClient({
    session: auth,
    publicServerUrl: currentServerUrl,
    ...(ports.fetch ? { fetch: ports.fetch } : {}),
  });
  const picker = new ScreenPicker({
    sources: ports.sources,
    emit: ports.emit,
    audioSupported: ports.audioSupported,
  });
  const meeting = new MeetingStateHolder();
  const rings = ports.ring ? new RingController(ports.ring) : null;
  const push = new PushService({
    tokens: auth,
    emit: ports.emit,
    log: log.child('push'),
    ...(ports.createSocket ? { createSocket: ports.createSocket } : {}),
    ...(rings ? { onDelivery: (d) => rings.handle(d) } : {}),
  });
  const calls = desktopCallsHandlers(auth, ports.fetch);
  const handlers = createHandlers({
    appInfo: ports.appInfo,
    policy,
    settings,
    auth,
    api,
    calls,
    picker,
    meeting,
  });
  return {
    handlers,
    api,
    policy,
    settings,
    auth,
    credentials: store,
    picker,
    meeting,
    push,
    rings,
    currentServerUrl,
    dispose: () => {
      push.stop();
      rings?.dispose();
      picker.cancel();
      auth.dispose();
    },
  };
}
