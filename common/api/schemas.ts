// The shapes of the app server's HTTP API as zod schemas. The route table (routes/) names which
// endpoint takes and answers which; the server validates with them and both clients parse with
// them. Times on the wire are ISO-8601 strings; ids are opaque strings.
import { z } from 'zod';

// ---------- path parameters ----------
/** A room's id or slug. */
export const RoomParams = z.strictObject({ id: z.string().min(1).max(100) });
export const MemberParams = RoomParams.extend({ userId: z.string().min(1).max(100) });
export const WaitingDecisionParams = RoomParams.extend({ requestId: z.string().min(1).max(100) });
export const ParticipantParams = RoomParams.extend({ identity: z.string().min(1).max(200) });
export const TicketParams = z.strictObject({ ticket: z.string().min(1).max(200) });
export const IdParams = z.strictObject({ id: z.string().min(1).max(100) });

// ---------- users and sessions ----------
export const User = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  isAdmin: z.boolean(),
});
export type User = z.infer<typeof User>;

export const LoginRequest = z.strictObject({
  username: z.string().trim().min(1).max(254),
  password: z.string().min(1).max(1024),
});
export type LoginRequest = z.infer<typeof LoginRequest>;

export const RefreshRequest = z.strictObject({ refreshToken: z.string().min(1).max(512) });
export type RefreshRequest = z.infer<typeof RefreshRequest>;

/** Answer to login and refresh. The refresh token is rotated on every use. */
export const Session = z.object({
  accessToken: z.string(),
  accessTokenExpiresAt: z.string(),
  refreshToken: z.string(),
  refreshTokenExpiresAt: z.string(),
  user: User,
});
export type Session = z.infer<typeof Session>;

// ---------- rooms ----------
export const Role = z.enum(['host', 'participant', 'viewer']);
export type Role = z.infer<typeof Role>;

const Slug = z.string().regex(/^[a-z0-9][a-z0-9-]{2,62}$/, 'slug: 3-63 lowercase letters, digits or dashes');

export const Room = z.object({
  id: z.string(),
  slug: z.string(),
  title: z.string(),
  ownerId: z.string(),
  kind: z.enum(['permanent', 'one-time']),
  startsAt: z.string().nullable(),
  endsAt: z.string().nullable(),
  maxParticipants: z.number().int().nullable(),
  locked: z.boolean(),
  waitingRoom: z.boolean(),
  /** Whether participants other than hosts may record the meeting locally. Switching it off
   *  also stops the recordings others are running (their marks are cleared). */
  allowRecording: z.boolean(),
  createdAt: z.string(),
  /** The caller's role in this room. */
  myRole: Role,
});
export type Room = z.infer<typeof Room>;

/** The room settings the app server mirrors into LiveKit's room metadata (JSON), so everyone in
 *  the meeting, guests too, hears of a change as it happens (livekit-client's
 *  RoomMetadataChanged) without asking the app server. Only this server sets room metadata. */
export const LiveRoomSettings = z.object({ allowRecording: z.boolean() });
export type LiveRoomSettings = z.infer<typeof LiveRoomSettings>;

const RoomKind = z.enum(['permanent', 'one-time']);
const RoomFields = z.strictObject({
  title: z.string().trim().min(1).max(200),
  slug: Slug.optional(),
  kind: RoomKind.optional(),
  startsAt: z.iso.datetime({ offset: true }).nullable().optional(),
  endsAt: z.iso.datetime({ offset: true }).nullable().optional(),
  maxParticipants: z.number().int().min(2).max(1000).nullable().optional(),
  waitingRoom: z.boolean().optional(),
  allowRecording: z.boolean().optional(),
});

export const CreateRoomRequest = RoomFields.extend({ kind: RoomKind.default('permanent') });
export type CreateRoomRequest = z.input<typeof CreateRoomRequest>;

/** Only the fields sent change (no defaults here, so an absent field stays absent). */
export const UpdateRoomRequest = RoomFields.partial().extend({ locked: z.boolean().optional() });
export type UpdateRoomRequest = z.input<typeof UpdateRoomRequest>;

export const RoomListQuery = z.strictObject({ filter: z.enum(['mine', 'upcoming']).default('mine') });
export const RoomList = z.object({ rooms: z.array(Room) });
export type RoomList = z.infer<typeof RoomList>;

export const Member = z.object({
  userId: z.string(),
  username: z.string(),
  displayName: z.string(),
  role: Role,
});
export type Member = z.infer<typeof Member>;

export const MemberList = z.object({ members: z.array(Member) });
export type MemberList = z.infer<typeof MemberList>;

export const AddMemberRequest = z.strictObject({ username: z.string().min(1).max(254), role: Role });

export const CreateInviteRequest = z.strictObject({
  role: z.enum(['participant', 'viewer']),
  expiresInMinutes: z
    .number()
    .int()
    .min(1)
    .max(60 * 24 * 30)
    .default(60 * 24),
});
export const Invite = z.object({ invite: z.string(), url: z.string(), role: Role, expiresAt: z.string() });
export type Invite = z.infer<typeof Invite>;

// ---------- joining ----------
/** What a client needs to connect to LiveKit; nothing more. */
export const JoinGrant = z.object({
  url: z.string(),
  token: z.string(),
  role: Role,
  room: Room.omit({ myRole: true }),
});
export type JoinGrant = z.infer<typeof JoinGrant>;

export const JoinResult = z.discriminatedUnion('status', [
  JoinGrant.extend({ status: z.literal('admitted') }),
  z.object({ status: z.literal('waiting'), ticket: z.string() }),
]);
export type JoinResult = z.infer<typeof JoinResult>;

/** Guests join with an invite instead of a login. */
export const GuestJoinRequest = z.strictObject({
  invite: z.string().min(1).max(4096),
  displayName: z.string().trim().min(1).max(80),
});

/** GET /waiting/:ticket (long-poll): the outcome of a waiting-room request. */
export const WaitingStatus = z.discriminatedUnion('status', [
  z.object({ status: z.literal('waiting') }),
  z.object({ status: z.literal('denied') }),
  JoinGrant.extend({ status: z.literal('admitted') }),
]);
export type WaitingStatus = z.infer<typeof WaitingStatus>;

export const WaitingRequest = z.object({ id: z.string(), displayName: z.string(), requestedAt: z.string() });
export type WaitingRequest = z.infer<typeof WaitingRequest>;

// ---------- moderation ----------
export const TrackSource = z.enum(['camera', 'microphone', 'screen_share', 'screen_share_audio', 'unknown']);
export const LiveParticipant = z.object({
  identity: z.string(),
  name: z.string(),
  role: Role.nullable(),
  tracks: z.array(z.object({ sid: z.string(), source: TrackSource, muted: z.boolean() })),
});
export type LiveParticipant = z.infer<typeof LiveParticipant>;

export const MuteRequest = z.strictObject({ source: z.enum(['microphone', 'camera', 'screen_share']) });
/** How many tracks a mute request muted. */
export const MuteResult = z.object({ muted: z.number().int() });
export const LockRequest = z.strictObject({ locked: z.boolean() });
export const LockResult = z.object({ locked: z.boolean() });

// ---------- call detail records ----------
export const CdrLeg = z.object({
  identity: z.string(),
  name: z.string(),
  role: Role.nullable(),
  joinedAt: z.string(),
  leftAt: z.string().nullable(),
  durationSeconds: z.number().nullable(),
  address: z.string().nullable(),
  userAgent: z.string().nullable(),
  tracks: z.array(TrackSource),
  /** Times no LiveKit event told, set by the reconciler after an outage (may be empty). */
  inferred: z.array(z.enum(['joinedAt', 'leftAt'])),
});
export type CdrLeg = z.infer<typeof CdrLeg>;

export const CdrSession = z.object({
  id: z.string(),
  roomSid: z.string(),
  roomSlug: z.string(),
  roomTitle: z.string().nullable(),
  startedAt: z.string(),
  endedAt: z.string().nullable(),
  durationSeconds: z.number().nullable(),
  peakParticipants: z.number().int(),
  /** Times no LiveKit event told, set by the reconciler after an outage (may be empty). */
  inferred: z.array(z.enum(['startedAt', 'endedAt'])),
  /** The call whose own room this was (see GET /calls), or null for a meeting in a room. */
  callId: z.string().nullable(),
});
export type CdrSession = z.infer<typeof CdrSession>;

export const CdrSessionDetail = CdrSession.extend({ legs: z.array(CdrLeg) });
export type CdrSessionDetail = z.infer<typeof CdrSessionDetail>;

export const CdrQuery = z.strictObject({
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
  room: z.string().max(100).optional(),
  /** Only sessions with a participant whose display name or username contains this (any case). */
  person: z.string().trim().min(1).max(100).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(200).optional(),
});
export const CdrPage = z.object({ sessions: z.array(CdrSession), nextCursor: z.string().nullable() });
export type CdrPage = z.infer<typeof CdrPage>;

// ---------- outgoing webhooks ----------
export const WebhookEvent = z.enum([
  'meeting.started',
  'meeting.ended',
  'participant.joined',
  'participant.left',
  'recording.started',
  'recording.saved',
  'call.started',
  'call.missed',
]);
export type WebhookEvent = z.infer<typeof WebhookEvent>;

export const CreateWebhookEndpointRequest = z.strictObject({
  url: z.url({ protocol: /^https?$/ }),
  events: z.array(WebhookEvent).min(1),
  description: z.string().max(200).optional(),
});
export const WebhookEndpoint = z.object({
  id: z.string(),
  url: z.string(),
  events: z.array(WebhookEvent),
  description: z.string().nullable(),
  createdAt: z.string(),
});
/** The signing secret is shown once, at creation (`whsec_` + base64). */
export const CreatedWebhookEndpoint = WebhookEndpoint.extend({ secret: z.string() });
export type WebhookEndpoint = z.infer<typeof WebhookEndpoint>;
export type CreatedWebhookEndpoint = z.infer<typeof CreatedWebhookEndpoint>;
export const WebhookEndpointList = z.object({ endpoints: z.array(WebhookEndpoint) });
export type WebhookEndpointList = z.infer<typeof WebhookEndpointList>;

/** One attempt to deliver one message to one endpoint (newest first in the log). */
export const WebhookDelivery = z.object({
  id: z.string(),
  /** The `webhook-id` header; the same on every attempt of a message. */
  messageId: z.string(),
  eventType: WebhookEvent,
  attempt: z.number().int(),
  statusCode: z.number().int().nullable(),
  error: z.string().nullable(),
  startedAt: z.string(),
  finishedAt: z.string(),
  /** Where the message stands now: still retrying, delivered, or given up. */
  messageStatus: z.enum(['pending', 'delivered', 'failed']),
});
export type WebhookDelivery = z.infer<typeof WebhookDelivery>;
export const WebhookDeliveryQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
export const WebhookDeliveryList = z.object({ deliveries: z.array(WebhookDelivery) });
export type WebhookDeliveryList = z.infer<typeof WebhookDeliveryList>;

/** A client reports a local recording it saved (metadata only; the file stays on the device). */
export const RecordingSavedRequest = z.strictObject({
  roomId: z.string().min(1).max(100),
  startedAt: z.iso.datetime({ offset: true }),
  durationSeconds: z
    .number()
    .min(0)
    .max(7 * 24 * 3600),
  sizeBytes: z.number().int().min(0),
  mimeType: z.string().max(100),
  /** Repaired at the next launch after the app was cut off mid-recording (the default: false). */
  recovered: z.boolean().optional(),
});
export const Accepted = z.object({ accepted: z.literal(true) });

// ---------- LiveKit webhooks in, health ----------
/** The exact body LiveKit signed (application/webhook+json), verified before it is parsed. */
export const LivekitWebhookBody = z.string().max(256 * 1024);
export const LivekitWebhookReceived = z.object({ received: z.literal(true), duplicate: z.boolean() });

export const Liveness = z.object({ status: z.literal('ok') });
export const Readiness = z.object({
  status: z.enum(['ready', 'not-ready']),
  checks: z.object({ livekit: z.enum(['ok', 'unreachable']) }),
});
export type Readiness = z.infer<typeof Readiness>;
