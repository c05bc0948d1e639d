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
import { historyHandlers } from './history/history-handlers.js';
import { MeetingLog } from './history/meeting-log.js';
import { recordingHandlers, type RecordingOsPort } from './recordings/recording-handlers.js';
import { RecordingService } from './recordings/recording-service.js';
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
  /** The user's Videos folder (app.getPath('videos')); the policy may name another. */
  videosDir: string;
  recordingOs: RecordingOsPort;
  /** Keychain service name; tests use a unique one. */
  credentialService?: string;
  fetch?: typeof fetch;
  refreshMarginMs?: number;
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
  recordings: RecordingService;
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
    onChange: (state) => ports.emit('auth.changed', state),
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
  const recordings = new RecordingService({
    indexPath: join(ports.userDataDir, 'recordings.json'),
    folder: () => policy.recordingFolder ?? ports.videosDir,
    disabled: policy.disableLocalRecording,
    log: log.child('recordings'),
    // The app server hears of the saved recording (metadata only) for its outgoing webhooks.
    onSaved: async (entry) => {
      if (!auth.status().signedIn) return;
      await api('recordings.saved', {
        body: {
          roomId: entry.roomId,
          startedAt: entry.startedAt,
          durationSeconds: entry.durationSeconds ?? 0,
          sizeBytes: entry.sizeBytes,
          mimeType: entry.mimeType,
        },
      });
    },
  });
  await recordings.init();
  const meetingLog = new MeetingLog(join(ports.userDataDir, 'meetings.json'), log.child('history'));
  await meetingLog.load();
  const handlers = createHandlers({
    appInfo: ports.appInfo,
    policy,
    settings,
    auth,
    api,
    recordings: recordingHandlers(recordings, ports.recordingOs),
    history: historyHandlers(meetingLog),
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
    recordings,
    currentServerUrl,
    dispose: () => {
      picker.cancel();
      auth.dispose();
    },
  };
}
