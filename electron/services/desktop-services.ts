// Builds every main-process service from a few ports. main.ts calls it with Electron's
// facilities; the tests call it with real stand-ins (a temp directory, the test keychain),
// so the app and the tests run the same composition.
import { join } from 'node:path';
import type { AppInfo, EffectivePolicy, RecordingEntry } from '../contract.js';
import { createApiClient, type ApiCall, type RouteId } from '../../common/api.js';
import { AuthService } from './auth-service.js';
import { chooseCredentialStore } from './choose-credential-store.js';
import type { CredentialStore } from './credential-store.js';
import type { EncryptionPort } from './encrypted-file-store.js';
import type { EmitEvent } from './events.js';
import { createHandlers, type Handlers } from './handlers.js';
import type { KeytarPort } from './keytar-store.js';
import { createLogger, type LogSink } from './logger.js';
import { MeetingStateHolder } from './meeting-state.js';
import { historyHandlers } from './history/history-handlers.js';
import { MeetingLog } from './history/meeting-log.js';
import { recordingHandlers, type RecordingOsPort } from './recordings/recording-handlers.js';
import { RecordingService } from './recordings/recording-service.js';
import type { SocketLike } from '../../common/push-client.js';
import { PushService } from './push-service.js';
import { RingAnswers } from './ring-answers.js';
import { RingController, type RingPort } from './ring-controller.js';
import { buildDiagnostics } from './diagnostics.js';
import {
  effectiveServerUrl,
  jsonPolicyReader,
  loadPolicy,
  withPolicyDefaults,
  type PolicyReader,
  type PolicyState,
} from './policy.js';
import { stagingId } from './staging-id.js';
import { UpdateController } from './update-controller.js';
import { stagingBucket, updatePlan, type InstallKind, type UpdatePlan } from './update-plan.js';
import { ScreenPicker, type SourcesPort } from './screen-picker.js';
import { SettingsStore } from './settings-store.js';

export const APP_ID = 'com.convene.desktop';

export interface DesktopPorts {
  appInfo: Omit<AppInfo, 'policyError' | 'settingsWarning' | 'dataWarnings'>;
  /** Per-user data directory (settings, the encrypted credential fallback). */
  userDataDir: string;
  /** Where the policy is read: the OS's places (main.ts), or one JSON file (tests, development). */
  policyReaders?: PolicyReader[];
  policyPath?: string;
  /** How this copy was installed; decides whether it updates itself. */
  installKind?: InstallKind;
  /** Whether a local recording is being written (the recording service supplies it). */
  recording?: () => boolean;
  /** Seconds since the last user input (Electron's powerMonitor). */
  idleSeconds?: () => number;
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
  policyState: PolicyState;
  /** What auto-update should do under the policy; adapters/updater.ts carries it out. */
  updatePlan: UpdatePlan;
  updates: UpdateController;
  settings: SettingsStore;
  auth: AuthService;
  credentials: CredentialStore;
  picker: ScreenPicker;
  meeting: MeetingStateHolder;
  recordings: RecordingService;
  push: PushService;
  rings: RingController | null;
  answers: RingAnswers;
  currentServerUrl(): string | null;
  dispose(): void;
}

export async function createDesktopServices(ports: DesktopPorts): Promise<DesktopServices> {
  const log = createLogger(ports.logSink, 'main');
  const readers = ports.policyReaders ?? (ports.policyPath ? [jsonPolicyReader(ports.policyPath)] : []);
  const policyState = await loadPolicy(readers, log.child('policy'));
  const policy = policyState.effective;
  const settings = new SettingsStore(join(ports.userDataDir, 'settings.json'), log.child('settings'), (s) =>
    withPolicyDefaults(s, policyState.layers),
  );
  await settings.load();
  const { store, warning } = await chooseCredentialStore({
    service: ports.credentialService ?? APP_ID,
    keytar: ports.keytar,
    encryption: ports.encryption,
    encryptedFilePath: join(ports.userDataDir, 'credentials.json'),
    log: log.child('credentials'),
  });
  // Set once the recordings are loaded; a sign-in before then has nothing to report yet.
  let reportRecovered = () => undefined as void;
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
      if (state.signedIn) ports.ring?.prepare?.();
      else {
        // Signed out: nothing rings here any more (the push channel is closed).
        rings?.dispose();
        ports.ring?.release?.();
      }
      if (state.signedIn) reportRecovered();
    },
  });
  settings.onChange((next) => ports.emit('settings.changed', next));
  const currentServerUrl = () => auth.status().serverUrl || effectiveServerUrl(policy, settings.get());
  // The one app-server client: the access token comes from auth, public calls (guests) go to
  // the server they name or the current one. Joins are watched for the diagnostics' LiveKit URL.
  const joins = rememberLivekitUrl(
    createApiClient({
      session: auth,
      publicServerUrl: currentServerUrl,
      ...(ports.fetch ? { fetch: ports.fetch } : {}),
    }),
  );
  const api = joins.api;
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
      if (auth.status().signedIn) await reportSaved(entry);
    },
  });
  const reportSaved = (entry: RecordingEntry) =>
    api('recordings.saved', {
      body: {
        roomId: entry.roomId,
        startedAt: entry.startedAt,
        durationSeconds: entry.durationSeconds ?? 0,
        sizeBytes: entry.sizeBytes,
        mimeType: entry.mimeType,
        ...(entry.state === 'recovered' ? { recovered: true } : {}),
      },
    });
  // A crash sent no end of the recording to the server: the repaired ones go once signed in.
  reportRecovered = () => {
    for (const entry of recordings.takeUnreported())
      reportSaved(entry).catch((err: unknown) =>
        log.warn('could not report the recovered recording', { id: entry.id, err }),
      );
  };
  await recordings.init();
  if (auth.status().signedIn) reportRecovered();
  const meetingLog = new MeetingLog(join(ports.userDataDir, 'meetings.json'), log.child('history'));
  await meetingLog.load();
  const rings = ports.ring
    ? new RingController(ports.ring, Date.now, (shown) => ports.emit('ring.changed', shown))
    : null;
  const answers = new RingAnswers({ rings, api, emit: ports.emit, log: log.child('ring') });
  const push = new PushService({
    tokens: auth,
    emit: ports.emit,
    log: log.child('push'),
    ...(ports.createSocket ? { createSocket: ports.createSocket } : {}),
    ...(rings ? { onDelivery: (d) => rings.handle(d) } : {}),
  });
  const installKind = ports.installKind ?? 'unpackaged';
  const keys = () => policyState.resolve(settings.userChoices());
  const resolved = keys();
  const plan = updatePlan(
    {
      ...policy.updates,
      enabledEnforced: resolved.autoUpdate.source === 'enforced',
      deferralDays: resolved.updateDeferralDays.value,
      minimumVersion: resolved.minimumVersion.value,
    },
    installKind,
    policy.error,
  );
  const updates = new UpdateController({
    meeting,
    emit: ports.emit,
    log: log.child('update'),
    recording: ports.recording ?? (() => recordings.active),
    ...(ports.idleSeconds ? { idleSeconds: ports.idleSeconds } : {}),
    ...(plan.action === 'check'
      ? {
          rollout: {
            currentVersion: ports.appInfo.version,
            deferralDays: resolved.updateDeferralDays.value,
            minimumVersion: resolved.minimumVersion.value,
            stagingBucket: stagingBucket(await stagingId(ports.userDataDir, log.child('update'))),
          },
        }
      : {}),
  });
  if (plan.action === 'skip') updates.off(plan.reason);
  const handlers = createHandlers({
    appInfo: ports.appInfo,
    // Both were loaded above; what they could not read is known once, at start.
    dataWarnings: [meetingLog.warning, recordings.warning].filter((w) => w !== undefined),
    rings,
    answers,
    policy,
    settings,
    auth,
    api,
    recordings: recordingHandlers(recordings, ports.recordingOs),
    history: historyHandlers(meetingLog),
    picker,
    meeting,
    updates,
    diagnostics: async () =>
      buildDiagnostics({
        app: await handlers['app.info'](undefined),
        installKind,
        layers: policyState.layers,
        keys: keys(),
        auth: auth.status(),
        update: updates.get(),
        livekitUrl: joins.lastLivekitUrl(),
        now: new Date(),
      }),
  });
  return {
    handlers,
    api,
    policy,
    policyState,
    updatePlan: plan,
    updates,
    settings,
    auth,
    credentials: store,
    picker,
    meeting,
    recordings,
    push,
    rings,
    answers,
    currentServerUrl,
    dispose: () => {
      push.stop();
      rings?.dispose();
      picker.cancel();
      auth.dispose();
      updates.dispose();
    },
  };
}

/** Keeps the LiveKit URL of the last join, for the diagnostics' "servers in use". */
function rememberLivekitUrl(api: ApiCall): { api: ApiCall; lastLivekitUrl(): string | null } {
  let last: string | null = null;
  const watched = async (id: RouteId, ...rest: unknown[]) => {
    const result: unknown = await (api as (id: RouteId, ...rest: unknown[]) => Promise<unknown>)(id, ...rest);
    if ((id === 'rooms.join' || id === 'guest.join') && isAdmitted(result)) last = result.url;
    return result;
  };
  return { api: watched as ApiCall, lastLivekitUrl: () => last };
}

function isAdmitted(result: unknown): result is { status: 'admitted'; url: string } {
  const r = result as { status?: unknown; url?: unknown } | null;
  return r !== null && typeof r === 'object' && r.status === 'admitted' && typeof r.url === 'string';
}
