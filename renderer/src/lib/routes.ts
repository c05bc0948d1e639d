// The screens of the app and what each needs. Only the web client's /join/<invite> path is a
// real URL (invite links open it); the rest is in-memory navigation.
import type { JoinGrant, Room } from '../../../common/api.js';
import type { RoomSession } from '../room/room-session.svelte.js';

export type JoinTarget =
  | { kind: 'room'; room: Room }
  /** `serverUrl`: the server of an invite link to another server than the current one. */
  | { kind: 'invite'; invite: string; serverUrl?: string };

export type Route =
  | { name: 'loading' }
  | { name: 'signin' }
  | { name: 'home' }
  | { name: 'history' }
  | { name: 'people' }
  | { name: 'about' }
  | { name: 'lobby'; target: JoinTarget }
  | { name: 'waiting'; ticket: string; target: JoinTarget }
  | { name: 'room'; session: RoomSession; grant: JoinGrant }
  | { name: 'left'; message: string; target: JoinTarget | null };

export function targetTitle(target: JoinTarget): string {
  return target.kind === 'room' ? target.room.title : 'You are invited to a meeting';
}
