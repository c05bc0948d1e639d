// The IT-rollout methods (issue 12) in a browser, honestly: the web client is whatever version its
// app server serves, so it never updates itself; no IT policy reaches a browser tab; the refresh
// token lives in this tab's sessionStorage only.
import type { AppInfo, Diagnostics, UpdateState } from '../../../electron/contract.js';
import { PlatformError, type MethodHandlers } from './platform.js';

export const WEB_UPDATE_STATE: UpdateState = {
  status: 'off',
  reason: 'The web client is served by the app server and is always its current version.',
};

type ItMethods = 'app.diagnostics' | 'update.getState' | 'update.restartNow' | 'update.restartAfterMeeting';

/** Who is signed in to this tab (the web session). */
interface SignedIn {
  readonly user: { username: string } | null;
}

export function webItHandlers(
  session: SignedIn,
  origin: string,
  info: AppInfo,
): Pick<MethodHandlers, ItMethods> {
  const noUpdates = () =>
    Promise.reject(
      new PlatformError('UNSUPPORTED', 'The web client has no updates to install; reload the page.'),
    );
  return {
    'app.diagnostics': async (): Promise<Diagnostics> => ({
      app: { ...info, installKind: 'web' },
      policy: { keys: [], origins: [], errors: [] },
      credentialStore: 'none',
      update: WEB_UPDATE_STATE,
      servers: { appServer: origin, livekit: null },
      signedInAs: session.user?.username ?? null,
      generatedAt: new Date().toISOString(),
    }),
    'update.getState': async () => WEB_UPDATE_STATE,
    'update.restartNow': noUpdates,
    'update.restartAfterMeeting': noUpdates,
  };
}
