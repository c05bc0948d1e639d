// Every contract method bound to the service that answers it. ipc.ts serves this map to the
// window over Electron IPC; the end-to-end tests serve the same map to Chromium through
// Playwright's exposeBinding, so both run the same code behind the contract.
import type { ApiCall } from '../../common/api.js';
import type { RingAnswers } from './ring-answers.js';
import type { RingController } from './ring-controller.js';
import type {
  AppInfo,
  Diagnostics,
  EffectivePolicy,
  MethodName,
  MethodResult,
  ParsedArgs,
} from '../contract.js';
import type { AuthService } from './auth-service.js';
import { ServiceError } from './errors.js';
import type { MeetingStateHolder } from './meeting-state.js';
import type { HistoryHandlers } from './history/history-handlers.js';
import type { RecordingsHandlers } from './recordings/recording-handlers.js';
import type { ScreenPicker } from './screen-picker.js';
import type { SettingsStore } from './settings-store.js';
import type { UpdateController } from './update-controller.js';

export type Handler<M extends MethodName> = (
  args: ParsedArgs<M>,
) => Promise<MethodResult<M>> | MethodResult<M>;
export type Handlers = { [M in MethodName]: Handler<M> };

export interface HandlerDeps {
  appInfo: Omit<AppInfo, 'policyError' | 'settingsWarning' | 'dataWarnings'>;
  /** Sentences about local data files that could not be read at start (set aside). */
  dataWarnings: string[];
  /** The calls ringing now (main keeps the push channel while the window is closed); null
   *  where nothing rings the desktop (tests without a ring port). */
  rings: RingController | null;
  /** The ring window's Accept and Decline. */
  answers: RingAnswers;
  policy: EffectivePolicy;
  settings: SettingsStore;
  auth: AuthService;
  api: ApiCall;
  recordings: RecordingsHandlers;
  history: HistoryHandlers;
  picker: ScreenPicker;
  meeting: MeetingStateHolder;
  updates: UpdateController;
  diagnostics: () => Promise<Diagnostics>;
}

export function createHandlers(deps: HandlerDeps): Handlers {
  const { policy, settings, auth, picker, meeting } = deps;
  return {
    'ring.current': () => ({ rings: deps.rings?.ringing ?? [], ringWindow: deps.rings?.hasWindow ?? false }),
    'ring.answer': ({ callId, camera }) => deps.answers.answer(callId, camera),
    'ring.decline': ({ callId, message }) => deps.answers.decline(callId, message),
    'ring.takeJoin': () => deps.answers.takeJoin(),
    'ring.fit': ({ height }) => deps.rings?.fit(height),
    'app.info': () => ({
      ...deps.appInfo,
      ...(policy.error ? { policyError: policy.error } : {}),
      ...(settings.warning ? { settingsWarning: settings.warning } : {}),
      ...(deps.dataWarnings.length ? { dataWarnings: deps.dataWarnings } : {}),
    }),
    'settings.get': () => settings.get(),
    'settings.set': async (changes) => {
      if (changes.serverUrl !== undefined && policy.lockServerUrl) {
        throw new ServiceError('SERVER_URL_LOCKED', 'Your organisation has fixed the server URL.');
      }
      return settings.update(changes);
    },
    'policy.get': () => policy,
    'auth.status': () => auth.status(),
    'auth.signIn': ({ serverUrl, username, password }) => auth.signIn(serverUrl, username, password),
    'auth.signOut': () => auth.signOut(),
    'api.call': ({ route, args, serverUrl }) =>
      (deps.api as (id: string, args: object, options: object) => Promise<unknown>)(
        route,
        args ?? {},
        serverUrl ? { serverUrl } : {},
      ),
    'screen.listSources': () => picker.listSources(),
    'screen.choose': ({ sourceId, audio }) => picker.choose(sourceId, audio),
    'screen.cancel': () => picker.cancel(),
    'meeting.state': (state) => meeting.set(state),
    ...deps.recordings,
    ...deps.history,

    // IT rollout (issue 12)
    'app.diagnostics': () => deps.diagnostics(),
    'update.getState': () => deps.updates.get(),
    'update.restartNow': () => deps.updates.restartNow(),
    'update.restartAfterMeeting': () => deps.updates.restartAfterMeeting(),
  };
}
