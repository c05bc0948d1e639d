// Calls between colleagues. A call is a one-time room of its own whose members are the people in
// it; each callee has a leg with the outcome of its ringing and how long it rang.
import { z } from 'zod';

export const CallOutcome = z.enum(['ringing', 'answered', 'missed', 'declined', 'cancelled', 'busy']);
export type CallOutcome = z.infer<typeof CallOutcome>;

const Id = z.string().min(1).max(100);

export const CallPerson = z.object({ id: z.string(), username: z.string(), displayName: z.string() });
export type CallPerson = z.infer<typeof CallPerson>;

export const CallParty = CallPerson.extend({
  outcome: CallOutcome,
  /** Who added this person to the call. */
  invitedBy: z.string(),
  rangAt: z.string(),
  /** How long it rang until answered, declined, cancelled or given up; null while ringing. */
  ringMs: z.number().int().nullable(),
  /** The short message a callee declined with. */
  message: z.string().nullable(),
  /** Rung as a silent banner because this person was in a meeting. */
  silent: z.boolean(),
});
export type CallParty = z.infer<typeof CallParty>;

export const CallView = z.object({
  id: z.string(),
  roomId: z.string(),
  caller: CallPerson,
  video: z.boolean(),
  createdAt: z.string(),
  /** True once anyone answered. */
  answered: z.boolean(),
  /** Ringing is over for everyone (answered or not). */
  settled: z.boolean(),
  parties: z.array(CallParty),
});
export type CallView = z.infer<typeof CallView>;

/** What a callee's devices show while it rings. */
export const CallRing = z.object({
  callId: z.string(),
  roomId: z.string(),
  caller: CallPerson,
  /** Everyone else in the call, for "Bob, with Dave". */
  others: z.array(z.string()),
  video: z.boolean(),
  /** In a meeting: show a banner without sound. */
  silent: z.boolean(),
  expiresAt: z.string(),
});
export type CallRing = z.infer<typeof CallRing>;

export const PlaceCallRequest = z.strictObject({
  /** User ids of the colleagues to call (1 to 8). */
  callees: z.array(Id).min(1).max(8),
  video: z.boolean().default(true),
});
export type PlaceCallRequest = z.input<typeof PlaceCallRequest>;

export const DeclineCallRequest = z.strictObject({ message: z.string().trim().max(200).optional() });
export const AddToCallRequest = z.strictObject({ userId: Id });

export const CallList = z.object({ calls: z.array(CallView), nextCursor: z.string().nullable() });
export type CallList = z.infer<typeof CallList>;
export const CallListQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(100).default(20),
  cursor: z.string().max(200).optional(),
  /** Only calls in which I (or, for an administrator, anyone) missed the ring. */
  missed: z.enum(['true', 'false']).optional(),
});

export const MissedCount = z.object({ count: z.number().int().min(0) });
export type MissedCount = z.infer<typeof MissedCount>;
