// The one contract across the process boundary: every method the renderer may invoke on the main
// process (argument schema + result type) and every event the main process may push. The
// contract holds the host's own capabilities (auth, settings, policy, screen picker, tray,
// meeting state); the app server is reached through one method, `api.call`, with a route id of
// the route table (common/api/) and its arguments, which main checks against the same table
// before adding the access token.
//
// The renderer imports this file AS TYPES ONLY (`import type`). It must stay free of Node and
// Electron imports; zod is here because electron/ipc.ts validates arguments with these schemas.
import { z } from 'zod';
import { ROUTE_IDS, type RouteId, type User } from '../common/api.js';
import { ServerUrl, Settings } from '../common/settings.js';
import type { CallRing } from '../common/calls.js';
import type { PresenceChange, PushDelivery } from '../common/push.js';

// ---------- shared value shapes ----------

const NoArgs = z.strictObject({}).optional();
const Id = z.string().trim().min(1).max(200);

// The settings and the server URL are common/ (the web client keeps them too); re-exported here
// because the contract's methods carry them.
export { ServerUrl, Settings } from '../common/settings.js';

export type CredentialStoreKind = 'keychain' | 'encrypted' | 'none';

export interface AuthState {
  signedIn: boolean;
  user?: User;
  /** The server to sign in to: policy, else the last one used, else empty. */
  serverUrl: string;
  /** True when IT's policy fixes the server URL; the UI shows it read-only. */
  serverUrlLocked: boolean;
  /** Where the refresh token lives: the OS keychain, an OS-encrypted file, or memory only. */
  credentialStore: CredentialStoreKind;
  /** A sentence for the user, e.g. that the sign-in will not survive a restart. */
  warning?: string;
}

export interface UpdatePolicy {
  enabled: boolean;
  channel: 'latest' | 'beta';
  /** Where IT's update server is; null means the URL built into the installer. */
  url: string | null;
}

/** The policy in force after merging IT's policy file over the defaults. */
export interface EffectivePolicy {
  serverUrl: string | null;
  lockServerUrl: boolean;
  disableLocalRecording: boolean;
  /** Where local recordings go; null means the user's Videos folder. */
  recordingFolder: string | null;
  allowedDeepLinkHosts: string[];
  updates: UpdatePolicy;
  /** The policy file read, or null when there is none. */
  source: string | null;
  /** Why the policy file was rejected (defaults are in force then); absent when it is fine. */
  error?: string;
}

export interface AppInfo {
  name: string;
  version: string;
  platform: 'darwin' | 'win32' | 'linux';
  /** Null when the services run outside Electron (tests, the browser harness). */
  electronVersion: string | null;
  /** Same as policy.get's error: an invalid policy file is never silently ignored. */
  policyError?: string;
  /** Set when the settings file was corrupt and was backed up; the user should know. */
  settingsWarning?: string;
  /** The same for the local meeting history and the recording index, one sentence each. */
  dataWarnings?: string[];
}

export interface ScreenSource {
  id: string;
  name: string;
  kind: 'screen' | 'window';
  thumbnailDataUrl: string;
  appIconDataUrl?: string;
}

export interface PickerRequest {
  /** Whether system audio can be shared with the screen on this OS (Windows, macOS). */
  audioSupported: boolean;
  sources: ScreenSource[];
}

export type TrayCommand = 'toggle-mute' | 'share-screen' | 'stop-sharing' | 'leave';

/** What a convene:// or invite link asks for, after validation against the policy. */
export type DeepLinkTarget =
  | { kind: 'room'; room: string; serverUrl: string | null }
  | { kind: 'invite'; invite: string; serverUrl: string };

// ---------- local recording (issue 10) ----------

/** One recording in the index. 'missing': the file is gone from where the app put it. */
export interface RecordingEntry {
  id: string;
  roomId: string;
  roomTitle: string;
  startedAt: string;
  endedAt: string | null;
  durationSeconds: number | null;
  sizeBytes: number;
  path: string;
  /** The chat transcript saved beside the recording, when the meeting had a chat. */
  chatPath: string | null;
  mimeType: string;
  state: 'recording' | 'complete' | 'recovered' | 'missing';
}

/** "Recovered recording of Design review, 47 min": shown once after a launch that repaired one. */
export interface RecoveryNotice {
  id: string;
  roomTitle: string;
  durationSeconds: number;
  message: string;
}

export const ChatLine = z.strictObject({
  at: z.string().max(40),
  from: z.string().max(200),
  text: z.string().max(4000),
});
export type ChatLine = z.infer<typeof ChatLine>;

/** At most this many bytes per recordings.append call; the muxer sends ~1 s fragments. */
export const MAX_RECORDING_CHUNK = 32 * 1024 * 1024;
const RecordingId = z.uuid();

/** One meeting in the local log main keeps, so the history works offline. */
export const LocalMeeting = z.strictObject({
  id: z.uuid(),
  roomId: Id,
  roomSlug: z.string().max(100),
  roomTitle: z.string().max(200),
  startedAt: z.iso.datetime(),
  endedAt: z.iso.datetime(),
  participants: z
    .array(
      z.strictObject({
        identity: z.string().max(256),
        name: z.string().max(200),
        joinedAt: z.iso.datetime(),
        leftAt: z.iso.datetime().nullable(),
      }),
    )
    .max(2000),
  chat: z.array(ChatLine).max(20_000),
  recordingIds: z.array(RecordingId).max(100),
});
export type LocalMeeting = z.infer<typeof LocalMeeting>;

// ---------- end of local recording shapes ----------

// ---------- ringing (issue 13) ----------

/** What rings now, and whether a ring window of its own shows it (then the app window shows no
 *  ring banner and plays no ring tone: the ring window is the one place that rings). */
export interface RingSnapshot {
  rings: CallRing[];
  ringWindow: boolean;
}

/** A call answered in the ring window, for the app window to join (camera on or off). */
export interface RingJoin {
  callId: string;
  roomId: string;
  camera: boolean;
}

const ringMethods = {
  /** What rings now: a window opened by a ring asks, since it missed the push event. */
  'ring.current': method<RingSnapshot>()(NoArgs),
  /** Answers on the app server from main, hides the ring, opens the app window to join. */
  'ring.answer': method<void>()(z.strictObject({ callId: Id, camera: z.boolean() })),
  /** Declines on the app server from main, with an optional short message. */
  'ring.decline': method<void>()(
    z.strictObject({ callId: Id, message: z.string().trim().max(200).optional() }),
  ),
  /** The app window takes the join of a call answered in the ring window (once), or null. */
  'ring.takeJoin': method<RingJoin | null>()(NoArgs),
  /** The ring page's content height in CSS pixels: main sizes the ring window to it (cards wrap
   *  differently with other fonts and longer names), within the screen's work area. */
  'ring.fit': method<void>()(z.strictObject({ height: z.number().int().min(1).max(10_000) })),
} as const;

// ---------- end of ringing ----------

export const MeetingState = z.strictObject({
  inMeeting: z.boolean(),
  muted: z.boolean(),
  sharing: z.boolean(),
});
export type MeetingState = z.infer<typeof MeetingState>;

// ---------- methods ----------

/** A method's argument schema, with its result type carried as a phantom. */
export interface MethodSpec<A extends z.ZodType, R> {
  readonly args: A;
  readonly __result?: R;
}
function method<R>() {
  return <A extends z.ZodType>(args: A): MethodSpec<A, R> => ({ args });
}

/** Routes only main may call: they carry the refresh token, which never reaches the renderer,
 *  or are LiveKit's to call. Everything else in the route table the renderer may call. */
const MAIN_ONLY_ROUTES = ['auth.login', 'auth.refresh', 'auth.logout', 'livekit.webhook'] as const;
export type RendererRouteId = Exclude<RouteId, (typeof MAIN_ONLY_ROUTES)[number]>;
const mainOnly = new Set<string>(MAIN_ONLY_ROUTES);
export const RENDERER_ROUTE_IDS = ROUTE_IDS.filter((id) => !mainOnly.has(id)) as RendererRouteId[];

/** One app-server call: the shapes of `args` are checked against the route table in main. */
const ApiCallArgs = z.strictObject({
  route: z.enum(RENDERER_ROUTE_IDS as [RendererRouteId, ...RendererRouteId[]]),
  args: z
    .strictObject({
      params: z.record(z.string(), z.string()).optional(),
      query: z.record(z.string(), z.unknown()).optional(),
      body: z.unknown().optional(),
    })
    .optional(),
  /** Public routes only (a guest's invite names its own server); default: the current one. */
  serverUrl: ServerUrl.optional(),
});

// ---------- IT rollout: updates and diagnostics (issue 12; additive, kept in one block) ----------

/** What the updater is doing, as the renderer's banner shows it. */
export type UpdateState =
  | { status: 'off'; reason: string }
  | { status: 'idle' }
  | { status: 'checking' }
  | { status: 'available'; version: string; required: boolean }
  | { status: 'downloading'; version: string; required: boolean; percent: number }
  | {
      status: 'ready';
      version: string;
      required: boolean;
      /** A meeting or a recording is going on: the restart waits for its end. */
      blockedByMeeting: boolean;
      /** The user asked to restart as soon as the meeting ends. */
      restartAfterMeeting: boolean;
    }
  | { status: 'error'; message: string };

export type PolicyValue = string | number | boolean | string[] | null;

/** One policy key as IT support needs to see it: the value in force and where it came from. */
export interface PolicyKeyReport {
  key: string;
  value: PolicyValue;
  /** enforced (policy) > user (setting) > policy-default (IT's Recommended) > built-in. */
  source: 'enforced' | 'user' | 'policy-default' | 'built-in';
  /** The file or registry key the value came from; null for user and built-in values. */
  origin: string | null;
}

/** Everything IT support asks for, and never a token, password or secret. */
export interface Diagnostics {
  app: AppInfo & { installKind: string };
  policy: { keys: PolicyKeyReport[]; origins: string[]; errors: string[] };
  credentialStore: CredentialStoreKind;
  credentialWarning?: string;
  update: UpdateState;
  servers: { appServer: string | null; livekit: string | null };
  signedInAs: string | null;
  generatedAt: string;
}

const itRolloutMethods = {
  'app.diagnostics': method<Diagnostics>()(NoArgs),
  'update.getState': method<UpdateState>()(NoArgs),
  /** Installs the downloaded update now; refused (IN_MEETING) during a meeting or a recording. */
  'update.restartNow': method<void>()(NoArgs),
  /** Installs the downloaded update as soon as the meeting (and any recording) ends. */
  'update.restartAfterMeeting': method<void>()(NoArgs),
} as const;

// ---------- end of the IT rollout block ----------

export const methods = {
  'app.info': method<AppInfo>()(NoArgs),
  ...ringMethods,
  'settings.get': method<Settings>()(NoArgs),
  /** Changes some settings; returns all of them. */
  'settings.set': method<Settings>()(Settings.partial().strict()),
  'policy.get': method<EffectivePolicy>()(NoArgs),

  'auth.status': method<AuthState>()(NoArgs),
  'auth.signIn': method<AuthState>()(
    z.strictObject({
      serverUrl: ServerUrl,
      username: z.string().trim().min(1).max(254),
      password: z.string().min(1).max(1024),
    }),
  ),
  'auth.signOut': method<AuthState>()(NoArgs),

  /** Calls the app server: the answer is the route's response, parsed with the table's schema
   *  (only what it names, e.g. for a join { url, token, role, room }, reaches the renderer). */
  'api.call': method<unknown>()(ApiCallArgs),

  /** Sources for the renderer's screen picker (also pushed as screen.sourcesChanged). */
  'screen.listSources': method<ScreenSource[]>()(NoArgs),
  /** Answers the pending screen.pickerRequested; `audio` is ignored where unsupported. */
  'screen.choose': method<void>()(
    z.strictObject({ sourceId: z.string().min(1).max(512), audio: z.boolean() }),
  ),
  'screen.cancel': method<void>()(NoArgs),

  /** The renderer reports the meeting state so the tray can show and act on it. */
  'meeting.state': method<void>()(MeetingState),

  // ---------- local recording (issue 10) ----------
  /** Opens a new recording file in the recording folder; refused when the policy disables it. */
  'recordings.start': method<RecordingEntry>()(
    z.strictObject({ roomId: Id, roomTitle: z.string().trim().min(1).max(200) }),
  ),
  /** Writes one muxer chunk at its byte position and flushes it to disk before answering. */
  'recordings.append': method<void>()(
    z.strictObject({
      id: RecordingId,
      position: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
      data: z.instanceof(Uint8Array).refine((d) => d.byteLength > 0 && d.byteLength <= MAX_RECORDING_CHUNK, {
        message: `a chunk is 1 byte to ${MAX_RECORDING_CHUNK} bytes`,
      }),
    }),
  ),
  /** Closes the file; the chat goes beside it as a transcript. */
  'recordings.finish': method<RecordingEntry>()(
    z.strictObject({ id: RecordingId, chat: z.array(ChatLine).max(20_000).default([]) }),
  ),
  /** The index, newest first; files gone from their place come back as 'missing'. */
  'recordings.list': method<RecordingEntry[]>()(NoArgs),
  'recordings.delete': method<void>()(z.strictObject({ id: RecordingId })),
  'recordings.showInFolder': method<void>()(z.strictObject({ id: RecordingId })),
  /** A URL the renderer's <video> can play (with seeking) for one recording. */
  'recordings.playbackUrl': method<string>()(z.strictObject({ id: RecordingId })),
  /** Recordings repaired at this launch, each told once. */
  'recordings.takeNotices': method<RecoveryNotice[]>()(NoArgs),
  /** The local meeting log, newest first. */
  'history.local': method<LocalMeeting[]>()(NoArgs),
  /** The renderer records a meeting it left (who was there when, the chat). */
  'history.save': method<void>()(LocalMeeting),
  // ---------- end of local recording methods ----------
  ...itRolloutMethods,
} as const;

export type Methods = typeof methods;
export type MethodName = keyof Methods;
export type MethodArgs<M extends MethodName> = z.input<Methods[M]['args']>;
/** Arguments after validation (defaults applied), as services receive them. */
export type ParsedArgs<M extends MethodName> = z.output<Methods[M]['args']>;
export type MethodResult<M extends MethodName> =
  Methods[M] extends MethodSpec<z.ZodType, infer R> ? R : never;

// ---------- events (main → renderer) ----------

export interface Events {
  'auth.changed': AuthState;
  'settings.changed': Settings;
  'tray.command': TrayCommand;
  'deeplink.join': DeepLinkTarget;
  /** A getDisplayMedia call is waiting: show the picker, answer with screen.choose/cancel. */
  'screen.pickerRequested': PickerRequest;
  /** Fresh sources (thumbnails) while the picker is open. */
  'screen.sourcesChanged': ScreenSource[];
  /** The pending request ended without the renderer (timed out, window closed): close the picker. */
  'screen.pickerClosed': Record<string, never>;
  // ---- push channel (issue 13) ----
  /** An event from the app server's push channel, each delivered once. */
  'push.event': PushDelivery;
  /** Whether the push channel is connected (presence is "offline" while it is not). */
  'push.status': { connected: boolean };
  /** A colleague's presence changed (not replayed: re-read the directory on reconnect). */
  'push.presence': PresenceChange;
  /** The rings on show changed (the ring window's page lists them). */
  'ring.changed': CallRing[];
  /** A call was answered in the ring window: the app window takes the join (ring.takeJoin). */
  'ring.joinPending': Record<string, never>;
  // ---- end of push channel ----
  /** The updater's state changed (issue 12's block). */
  'update.state': UpdateState;
}
export type EventName = keyof Events;
export const EVENT_NAMES = [
  'auth.changed',
  'settings.changed',
  'tray.command',
  'deeplink.join',
  'screen.pickerRequested',
  'screen.sourcesChanged',
  'screen.pickerClosed',
  'push.event',
  'push.status',
  'push.presence',
  'ring.changed',
  'ring.joinPending',
  'update.state',
] as const satisfies readonly EventName[];

// ---------- the bridge the preload exposes as window.convene ----------

/** Errors cross as a code and a sentence; never a stack, a token or a secret. */
export interface IpcError {
  code: string;
  message: string;
}
export type InvokeOutcome<M extends MethodName> =
  { ok: true; value: MethodResult<M> } | { ok: false; error: IpcError };

export interface ConveneBridge {
  invoke<M extends MethodName>(method: M, ...args: OptionalArgs<M>): Promise<InvokeOutcome<M>>;
  on<E extends EventName>(event: E, listener: (payload: Events[E]) => void): () => void;
}
/** Methods whose arguments may be omitted take no second argument. */
type OptionalArgs<M extends MethodName> =
  undefined extends MethodArgs<M> ? [args?: MethodArgs<M>] : [args: MethodArgs<M>];
