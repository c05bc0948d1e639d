// The push channel: one WebSocket per signed-in client at GET /push. The client authenticates
// with its access token in the first message (browsers cannot set headers on a WebSocket),
// renews it with later ones, and resumes after a reconnect from the last event id it saw.
// Event ids are a per-user sequence, so "everything after n" is exact and nothing repeats.
import { z } from 'zod';
import { CallRing, CallView } from './calls.js';
import { Presence } from './people.js';

export const PUSH_PATH = '/push';

/** Close codes the server uses; the client re-authenticates on AUTH, backs off on others. */
export const PushClose = {
  /** No valid token in time, a token for another user, or the token expired unrenewed. */
  AUTH: 4401,
  /** A message the server does not understand. */
  PROTOCOL: 4400,
  /** The server is shutting down; reconnect (to another instance). */
  GOING_AWAY: 1001,
} as const;

const Id = z.string().min(1).max(100);

/** What the server pushes. Add new kinds here; clients ignore kinds they do not know. */
export const PushEvent = z.discriminatedUnion('type', [
  /** Someone calls you: ring (or show a silent banner when `silent`). */
  z.object({ type: z.literal('call.ringing'), ring: CallRing }),
  /** Ringing stopped on every device of yours: answered (here or elsewhere), declined, cancelled, timed out. */
  z.object({ type: z.literal('call.stopped'), callId: Id, outcome: z.string() }),
  /** The state of a call you are in changed (someone answered, declined, was added…). */
  z.object({ type: z.literal('call.updated'), call: CallView }),
  /** Your missed-calls count changed. */
  z.object({ type: z.literal('calls.missed'), count: z.number().int().min(0) }),
  /** Someone knocks at a room you host (the waiting room). */
  z.object({ type: z.literal('waiting.knock'), roomId: Id, requestId: Id, displayName: z.string() }),
  /** A meeting started in a room you own or are a member of. */
  z.object({ type: z.literal('meeting.started'), roomId: Id, title: z.string() }),
  /** A recording started or stopped in a room you are in or belong to. */
  z.object({
    type: z.literal('recording.changed'),
    roomId: Id,
    recording: z.boolean(),
    by: z.string().nullable(),
  }),
]);
export type PushEvent = z.infer<typeof PushEvent>;
export type PushEventType = PushEvent['type'];

/** A colleague's presence changed. Sent to every connection that asked for it (auth `presence`)
 *  but theirs, outside the event log:
 *  presence is state, not an event to replay, so a client re-reads the directory after it
 *  (re)connects and applies these on top. Kept out of the log, a change costs no row per user. */
export const PresenceChange = z.object({ userId: Id, presence: Presence });
export type PresenceChange = z.infer<typeof PresenceChange>;

/** Client → server. */
export const PushClientMessage = z.discriminatedUnion('kind', [
  /** First message: the access token and, on a reconnect, the last event id seen. */
  z.strictObject({
    kind: z.literal('auth'),
    token: z.string().min(1).max(4096),
    after: z.number().int().min(0).optional(),
    /** Also send me colleagues' presence changes (`presence` messages); off unless asked. */
    presence: z.boolean().optional(),
  }),
  /** A fresh access token for the same user, before the current one expires. */
  z.strictObject({ kind: z.literal('renew'), token: z.string().min(1).max(4096) }),
]);
export type PushClientMessage = z.infer<typeof PushClientMessage>;

/** Server → client. */
export const PushServerMessage = z.discriminatedUnion('kind', [
  /** Authenticated; `lastId` is where this connection's stream starts. On a resume with events
   *  waiting, `through` is the id of the last of them: the client can take the catch-up in one
   *  go, so a ring that rang and stopped while it was away never flashes up. */
  z.object({
    kind: z.literal('ready'),
    lastId: z.number().int(),
    through: z.number().int().optional(),
    tokenExpiresAt: z.string(),
  }),
  /** After a renew: when the new token expires. */
  z.object({ kind: z.literal('renewed'), tokenExpiresAt: z.string() }),
  z.object({ kind: z.literal('event'), id: z.number().int(), at: z.string(), event: z.unknown() }),
  PresenceChange.extend({ kind: z.literal('presence') }),
]);
export type PushServerMessage = z.infer<typeof PushServerMessage>;

/** An event as a client hands it on: with its id and time. Unknown kinds are dropped. */
export interface PushDelivery {
  id: number;
  at: string;
  event: PushEvent;
}
