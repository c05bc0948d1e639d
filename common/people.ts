// The directory of colleagues and their presence. Presence is set by their clients: the status a
// person chose (available or do not disturb) and whether a client of theirs is in a meeting;
// "offline" is derived by the server when none of their clients has a push connection.
import { z } from 'zod';

export const Presence = z.enum(['available', 'in-meeting', 'dnd', 'offline']);
export type Presence = z.infer<typeof Presence>;

export const Person = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  presence: Presence,
});
export type Person = z.infer<typeof Person>;

export const PeopleQuery = z.strictObject({
  /** Matches the start of any word of the display name, or the username. */
  q: z.string().trim().max(100).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type PeopleQuery = z.input<typeof PeopleQuery>;

export const PeopleList = z.object({ people: z.array(Person) });
export type PeopleList = z.infer<typeof PeopleList>;

/** What a client sets: the chosen status, and whether it is in a meeting now (at least one). A
 *  union rather than a refinement, so that the OpenAPI document says so too. */
const Status = z.enum(['available', 'dnd']);
export const SetPresenceRequest = z.union([
  z.strictObject({ status: Status, inMeeting: z.boolean().optional() }),
  z.strictObject({ status: Status.optional(), inMeeting: z.boolean() }),
]);
export type SetPresenceRequest = z.infer<typeof SetPresenceRequest>;

export const MyPresence = z.object({
  status: z.enum(['available', 'dnd']),
  inMeeting: z.boolean(),
  presence: Presence,
});
export type MyPresence = z.infer<typeof MyPresence>;
