// The contract's methods implemented in a browser: the app server that served this page,
// reached per common/api.ts. Desktop-only methods (screen picker, tray state) say so.
import { z } from 'zod';
import {
  Invite,
  JoinResult,
  LiveParticipant,
  Room,
  RoomList,
  Session,
  User,
  WaitingRequest,
  WaitingStatus,
} from '../../../common/api.js';
import { CallList, CallView, MissedCount } from '../../../common/calls.js';
import { MyPresence, PeopleList } from '../../../common/people.js';
import type { AuthState } from '../../../electron/contract.js';
import type { ApiClient } from './api-client.js';
import { PlatformError, type MethodHandlers } from './platform.js';
import { readSettings, writeSettings } from './web-settings.js';

const enc = encodeURIComponent;

// common/api.ts names the item shapes but not the list envelopes; accept a bare array or the
// obvious envelope until the server's answer settles.
const WaitingList = z.union([z.array(WaitingRequest), z.object({ requests: z.array(WaitingRequest) })]);
const ParticipantList = z.union([
  z.array(LiveParticipant),
  z.object({ participants: z.array(LiveParticipant) }),
]);
const unwrap = <T>(body: T[] | Record<string, T[]>): T[] =>
  Array.isArray(body) ? body : (Object.values(body)[0] ?? []);

export function webHandlers(api: ApiClient, origin: string): MethodHandlers {
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
  const room = (ref: string) => `/rooms/${enc(ref)}`;

  return {
    'app.info': async () => ({ name: 'Convene', version: '0.1.0', platform: 'linux', electronVersion: null }),
    'settings.get': async () => readSettings(localStorage),
    'settings.set': async (patch) => writeSettings(localStorage, patch),
    'policy.get': async () => ({
      serverUrl: origin,
      lockServerUrl: true,
      disableLocalRecording: true,
      allowedDeepLinkHosts: [],
      updates: { enabled: false, channel: 'latest', url: null },
      source: null,
    }),
    'auth.status': async () => {
      if (api.user || (await api.refresh()))
        return authState(api.user ?? (await api.send('GET', '/me', User)));
      return authState(null);
    },
    'auth.signIn': async ({ username, password }) => {
      const session = await api.send('POST', '/auth/login', Session, { username, password }, { auth: false });
      return authState(api.adoptSession(session));
    },
    'auth.signOut': async () => {
      await api.logout();
      return authState(null);
    },
    'rooms.list': async (args) => {
      const { rooms } = await api.send('GET', '/rooms', RoomList);
      if (args?.filter !== 'upcoming') return rooms;
      const now = Date.now();
      return rooms.filter((r) => r.startsAt !== null && Date.parse(r.startsAt) > now);
    },
    'rooms.create': (request) => api.send('POST', '/rooms', Room, request),
    'rooms.get': ({ room: ref }) => api.send('GET', room(ref), Room),
    'rooms.update': ({ room: ref, changes }) => api.send('PATCH', room(ref), Room, changes),
    'rooms.delete': ({ room: ref }) => api.request('DELETE', room(ref)),
    'rooms.createInvite': ({ room: ref, invite }) => api.send('POST', `${room(ref)}/invites`, Invite, invite),
    'rooms.join': ({ room: ref }) => api.send('POST', `${room(ref)}/join`, JoinResult, {}),
    'rooms.waitForAdmission': ({ ticket }) =>
      api.send('GET', `/waiting/${enc(ticket)}`, WaitingStatus, undefined, { auth: false }),
    'guest.join': ({ invite, displayName }) =>
      api.send('POST', '/invites/join', JoinResult, { invite, displayName }, { auth: api.user !== null }),
    'moderation.participants': async ({ room: ref }) =>
      unwrap(await api.send('GET', `${room(ref)}/participants`, ParticipantList)),
    'moderation.mute': ({ room: ref, identity, source }) =>
      api.request('POST', `${room(ref)}/participants/${enc(identity)}/mute`, { source }),
    'moderation.muteAll': ({ room: ref }) => api.request('POST', `${room(ref)}/mute-all`, {}),
    'moderation.remove': ({ room: ref, identity }) =>
      api.request('DELETE', `${room(ref)}/participants/${enc(identity)}`),
    'moderation.setLocked': ({ room: ref, locked }) => api.request('POST', `${room(ref)}/lock`, { locked }),
    'moderation.end': ({ room: ref }) => api.request('POST', `${room(ref)}/end`, {}),
    'moderation.waitingList': async ({ room: ref }) =>
      unwrap(await api.send('GET', `${room(ref)}/waiting`, WaitingList)),
    'moderation.admit': ({ room: ref, requestId }) =>
      api.request('POST', `${room(ref)}/waiting/${enc(requestId)}/admit`, {}),
    'moderation.deny': ({ room: ref, requestId }) =>
      api.request('POST', `${room(ref)}/waiting/${enc(requestId)}/deny`, {}),
    // The browser shows its own screen picker; there is no tray to inform.
    'screen.listSources': async () => [],
    'screen.choose': unsupported('Choosing a screen here'),
    'screen.cancel': async () => undefined,
    'meeting.state': async () => undefined,
    'people.search': async (args) => {
      const query = new URLSearchParams();
      if (args?.q) query.set('q', args.q);
      return (await api.send('GET', `/people?${query}`, PeopleList)).people;
    },
    'presence.get': () => api.send('GET', '/presence', MyPresence),
    'presence.set': (args) => api.send('PUT', '/presence', MyPresence, args),
    'calls.place': (args) => api.send('POST', '/calls', CallView, args),
    'calls.answer': ({ call }) => api.send('POST', `/calls/${enc(call)}/answer`, CallView, {}),
    'calls.decline': ({ call, message }) =>
      api.send('POST', `/calls/${enc(call)}/decline`, CallView, message ? { message } : {}),
    'calls.cancel': ({ call }) => api.send('POST', `/calls/${enc(call)}/cancel`, CallView, {}),
    'calls.add': ({ call, userId }) => api.send('POST', `/calls/${enc(call)}/add`, CallView, { userId }),
    'calls.list': (args) => api.send('GET', `/calls${args?.missed ? '?missed=true' : ''}`, CallList),
    'calls.missedCount': () => api.send('GET', '/calls/missed/count', MissedCount),
    'calls.markSeen': () => api.send('POST', '/calls/missed/seen', MissedCount, {}),
  };
}
