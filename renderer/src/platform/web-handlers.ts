// The contract's host capabilities in a browser, and `api.call` over the one API client against
// the app server that served this page. Desktop-only methods (screen picker, tray state) say so.
import type { ApiCall, User } from '../../../common/api.js';
import type { AuthState } from '../../../electron/contract.js';
import { PlatformError, type MethodHandlers } from './platform.js';
import type { WebSession } from './web-session.js';
import { webItHandlers } from './web-it.js';
import { WebSettings } from './web-settings.js';

export function webHandlers(
  session: WebSession,
  api: ApiCall,
  storage: Storage = localStorage,
): MethodHandlers {
  const origin = session.serverUrl;
  const settings = new WebSettings(storage);
  const authState = (user: User | null): AuthState => ({
    signedIn: user !== null,
    ...(user ? { user } : {}),
    serverUrl: origin,
    serverUrlLocked: true,
    // The refresh token lives in this tab's sessionStorage only.
    credentialStore: 'none',
  });
  const unsupported = (what: string) => () =>
    Promise.reject(new PlatformError('UNSUPPORTED', `${what} needs the desktop app.`));
  const info = { name: 'Convene', version: '0.1.0', platform: 'linux', electronVersion: null } as const;

  return {
    'app.info': async () => ({
      ...info,
      ...(settings.warning ? { settingsWarning: settings.warning } : {}),
    }),
    'settings.get': async () => settings.get(),
    'settings.set': async (patch) => settings.set(patch),
    'policy.get': async () => ({
      serverUrl: origin,
      lockServerUrl: true,
      // Web recordings go into the browser's private file system (recording/opfs-recordings.ts).
      disableLocalRecording: false,
      recordingFolder: null,
      allowedDeepLinkHosts: [],
      updates: { enabled: false, channel: 'latest', url: null },
      source: null,
    }),
    'auth.status': async () => {
      if (session.user || (await session.restore())) return authState(session.user ?? (await api('auth.me')));
      return authState(null);
    },
    'auth.signIn': async ({ username, password }) => authState(await session.signIn(username, password)),
    'auth.signOut': async () => {
      await session.signOut();
      return authState(null);
    },
    // A web page talks to its own server only: a serverUrl is accepted when it is that one.
    'api.call': ({ route, args, serverUrl }) =>
      (api as (id: string, args: object, options: object) => Promise<unknown>)(
        route,
        args ?? {},
        serverUrl ? { serverUrl } : {},
      ),
    // The browser shows its own screen picker; there is no tray to inform.
    'screen.listSources': async () => [],
    'screen.choose': unsupported('Choosing a screen here'),
    'screen.cancel': async () => undefined,
    'meeting.state': async () => undefined,
    // Recording into the app's folder and the local meeting log need the desktop app; the
    // browser's history is the server's records.
    'recordings.start': unsupported('Recording into the app folder'),
    'recordings.append': unsupported('Recording into the app folder'),
    'recordings.finish': unsupported('Recording into the app folder'),
    'recordings.list': async () => [],
    'recordings.delete': unsupported('Deleting a recording'),
    'recordings.showInFolder': unsupported('Showing a recording in its folder'),
    'recordings.playbackUrl': unsupported('Playing a local recording'),
    'recordings.takeNotices': async () => [],
    // The page itself holds its rings (no process outlives the tab) and is its own ring window.
    'ring.current': async () => ({ rings: [], ringWindow: false }),
    'ring.answer': unsupported('Answering from a ring window'),
    'ring.decline': unsupported('Declining from a ring window'),
    'ring.takeJoin': async () => null,
    'ring.fit': unsupported('Sizing a ring window'),
    'history.local': async () => [],
    'history.save': async () => undefined,
    ...webItHandlers(session, origin, info),
  };
}
