// The contract's rooms.*, guest.* and moderation.* methods, each one app server call. Answers
// are parsed with common/api.ts schemas, which drop unknown keys: only what the schema names
// (for a join: url, token, role, room) reaches the renderer.
import { z } from 'zod';
import {
  Invite,
  JoinResult,
  LiveParticipant,
  Room,
  RoomList,
  WaitingRequest,
  WaitingStatus,
} from '../../common/api.js';
import type { MethodName, MethodResult, ParsedArgs } from '../contract.js';
import type { BackendClient } from './backend-client.js';
import { ServiceError } from './errors.js';
import { requestJson, type FetchPort } from './http.js';

type Handler<M extends MethodName> = (args: ParsedArgs<M>) => Promise<MethodResult<M>>;
type RoomsMethod = Extract<MethodName, `rooms.${string}` | `guest.${string}` | `moderation.${string}`>;
export type RoomsHandlers = { [M in RoomsMethod]: Handler<M> };

const at = (room: string) => `/rooms/${encodeURIComponent(room)}`;

export interface RoomsApiOptions {
  backend: BackendClient;
  /** The server for calls made without a sign-in (guests); null when none is known. */
  anonymousServerUrl: () => string | null;
  /** The access token when signed in, so the waiting poll works for users and guests alike. */
  optionalAccessToken: () => Promise<{ serverUrl: string; accessToken: string } | undefined>;
  fetch?: FetchPort;
}

export function roomsApi(opts: RoomsApiOptions): RoomsHandlers {
  const { backend } = opts;
  const fetchImpl = opts.fetch ?? fetch;
  const serverFor = (explicit: string | undefined): string => {
    const server = explicit ?? opts.anonymousServerUrl();
    if (!server)
      throw new ServiceError('INVALID_ARGUMENT', 'Which server? Give the invite link or a server URL.');
    return server;
  };

  const guestTickets = new Map<string, string>();

  return {
    'rooms.list': async (args) =>
      (
        await backend.call({
          method: 'GET',
          path: `/rooms?filter=${args?.filter ?? 'mine'}`,
          schema: RoomList,
        })
      ).rooms,
    'rooms.create': (args) => backend.call({ method: 'POST', path: '/rooms', body: args, schema: Room }),
    'rooms.get': ({ room }) => backend.call({ method: 'GET', path: at(room), schema: Room }),
    'rooms.update': ({ room, changes }) =>
      backend.call({ method: 'PATCH', path: at(room), body: changes, schema: Room }),
    'rooms.delete': ({ room }) => backend.call({ method: 'DELETE', path: at(room) }),
    'rooms.createInvite': ({ room, invite }) =>
      backend.call({ method: 'POST', path: `${at(room)}/invites`, body: invite, schema: Invite }),
    'rooms.setRecording': ({ room, recording }) =>
      backend.call({ method: recording ? 'POST' : 'DELETE', path: `${at(room)}/recording` }),
    'rooms.join': ({ room }) =>
      backend.call({ method: 'POST', path: `${at(room)}/join`, schema: JoinResult }),
    'rooms.waitForAdmission': async ({ ticket }) => {
      // Guests wait on the server of their invite; the ticket remembers which one that was.
      const guestServer = guestTickets.get(ticket);
      const signedIn = guestServer ? undefined : await opts.optionalAccessToken();
      const serverUrl = guestServer ?? signedIn?.serverUrl ?? serverFor(undefined);
      const status = await requestJson(fetchImpl, serverUrl, {
        method: 'GET',
        path: `/waiting/${encodeURIComponent(ticket)}`,
        schema: WaitingStatus,
        // The server holds the poll for up to ~25 s.
        timeoutMs: 60_000,
        ...(signedIn ? { accessToken: signedIn.accessToken } : {}),
      });
      if (status.status !== 'waiting') guestTickets.delete(ticket);
      return status;
    },
    'guest.join': async ({ serverUrl, invite, displayName }) => {
      const server = serverFor(serverUrl);
      const result = await requestJson(fetchImpl, server, {
        method: 'POST',
        path: '/invites/join',
        body: { invite, displayName },
        schema: JoinResult,
      });
      if (result.status === 'waiting') guestTickets.set(result.ticket, server);
      return result;
    },

    'moderation.participants': ({ room }) =>
      backend.call({ method: 'GET', path: `${at(room)}/participants`, schema: z.array(LiveParticipant) }),
    'moderation.mute': ({ room, identity, source }) =>
      backend.call({
        method: 'POST',
        path: `${at(room)}/participants/${encodeURIComponent(identity)}/mute`,
        body: { source },
      }),
    'moderation.muteAll': ({ room }) =>
      backend.call({ method: 'POST', path: `${at(room)}/mute-all`, body: {} }),
    'moderation.remove': ({ room, identity }) =>
      backend.call({ method: 'DELETE', path: `${at(room)}/participants/${encodeURIComponent(identity)}` }),
    'moderation.setLocked': ({ room, locked }) =>
      backend.call({ method: 'POST', path: `${at(room)}/lock`, body: { locked } }),
    'moderation.end': ({ room }) => backend.call({ method: 'POST', path: `${at(room)}/end`, body: {} }),
    'moderation.waitingList': ({ room }) =>
      backend.call({ method: 'GET', path: `${at(room)}/waiting`, schema: z.array(WaitingRequest) }),
    'moderation.admit': ({ room, requestId }) =>
      backend.call({ method: 'POST', path: `${at(room)}/waiting/${encodeURIComponent(requestId)}/admit` }),
    'moderation.deny': ({ room, requestId }) =>
      backend.call({ method: 'POST', path: `${at(room)}/waiting/${encodeURIComponent(requestId)}/deny` }),
  };
}
