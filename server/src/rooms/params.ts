// Path and query parameters shared by the room routes, validated like bodies.
import { z } from 'zod';

export const RoomParams = z.object({ id: z.string().min(1).max(100) });
export const MemberParams = RoomParams.extend({ userId: z.string().min(1).max(100) });
export const ListQuery = z.strictObject({ filter: z.enum(['mine', 'upcoming']).default('mine') });
