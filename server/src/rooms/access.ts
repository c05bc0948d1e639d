// Who may do what in a room. The policy, kept deliberately small:
// - the owner is always a host;
// - members have the role they were given (host, participant or viewer);
// - a 'permanent' room (a team's standing room) is open to every signed-in user of the company
//   as a participant, since all of them are employees who could be invited anyway;
// - a 'one-time' room is for its owner and members only; outsiders need a guest invite.
// Admins get no special room role: administering users is not the same as attending meetings.
import type { Role } from '../../../common/api.js';
import type { RoomRow } from '../db/schema.js';
import { AppError } from '../errors.js';
import type { AuthUser } from '../auth/plugin.js';
import type { RoomStore } from './store.js';

export function roleFor(room: RoomRow, userId: string, memberRole: Role | null): Role | null {
  if (room.owner_id === userId) return 'host';
  if (memberRole) return memberRole;
  return room.kind === 'permanent' ? 'participant' : null;
}

export interface RoomAccess {
  room: RoomRow;
  role: Role;
}

/** The room and the caller's role in it; 404 when the room does not exist, 403 without a role. */
export async function accessRoom(rooms: RoomStore, idOrSlug: string, user: AuthUser): Promise<RoomAccess> {
  const found = await rooms.findWithMemberRole(idOrSlug, user.id);
  if (!found) throw new AppError('NOT_FOUND', 'There is no such room.');
  const { room } = found;
  const role = roleFor(room, user.id, found.memberRole);
  if (!role) throw new AppError('FORBIDDEN', 'You are not a member of this room.');
  return { room, role };
}

/** Like accessRoom, but only hosts pass. */
export async function hostRoom(rooms: RoomStore, idOrSlug: string, user: AuthUser): Promise<RoomAccess> {
  const access = await accessRoom(rooms, idOrSlug, user);
  if (access.role !== 'host') throw new AppError('FORBIDDEN', 'Only a host of this room may do this.');
  return access;
}
