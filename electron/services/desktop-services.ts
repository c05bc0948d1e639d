// Builds every main-process service from a few ports. main.ts calls it with Electron's
// facilities; the tests call it with real stand-ins (a temp directory, the test keychain),
// so the app and the tests run the same composition.
import { join } from 'node:path';
import type { AppInfo, EffectivePolicy } from '../contract.js';
import { AuthService } from './auth-service.js';
import { BackendClient } from './backend-client.js';
import { chooseCredentialStore } from './choose-credential-store.js';
import type { CredentialStore } from './credential-store.js';
import type { EncryptionPort } from './encrypted-file-store.js';
import type { EmitEvent } from './events.js';
import { createHandlers, type Handlers } from './handlers.js';
import type { FetchPort } from './http.js';
import type { KeytarPort } from './keytar-store.js';
import { createLogger, type LogSink } from './logger.js';
import { MeetingStateHolder } from './meeting-state.js';
import { effectiveServerUrl, loadPolicy } from './policy.js';
import { callsApi } from './calls-api.js';
import { PushService } from './push-service.js';
import { RingController, type RingPort } from './ring-controller.js';
import { roomsApi } from './rooms-api.js';
import type { SocketLike } from '../../common/push-client.js';
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
  fetch?: FetchPort;
  refreshMarginMs?: number;
  /** The push channel's WebSocket (default: the global one; Node 20 tests pass `ws`). */
  createSocket?: (url: string) => SocketLike;
  /** The ring window, notification, sound and tray (the Electron adapter); none in tests. */
  ring?: RingPort;
}

export interface DesktopServices {
  handlers: Handlers;
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
  const backend = new BackendClient(auth, ports.fetch);
  const rooms = roomsApi({
    backend,
    anonymousServerUrl: currentServerUrl,
    optionalAccessToken: async () => (auth.status().signedIn ? auth.current() : undefined),
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
  const calls = callsApi(backend);
  const handlers = createHandlers({
    appInfo: ports.appInfo,
    policy,
    settings,
    auth,
    rooms,
    calls,
    picker,
    meeting,
  });
  return {
    handlers,
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
