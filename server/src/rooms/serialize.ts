// Database rows to the API's Room shape (common/api.ts), and to the settings LiveKit's room
// metadata carries into the meeting.
import type { LiveRoomSettings, Role, Room } from '../../../common/api.js';
import type { RoomRow } from '../db/schema.js';

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

export function toRoomInfo(row: RoomRow): Omit<Room, 'myRole'> {
  return {
    id: row.id,
    slug: row.slug,
    title: row.title,
    ownerId: row.owner_id,
    kind: row.kind,
    startsAt: iso(row.starts_at),
    endsAt: iso(row.ends_at),
    maxParticipants: row.max_participants,
    locked: row.locked === 1,
    waitingRoom: row.waiting_room === 1,
    allowRecording: row.allow_recording === 1,
    createdAt: new Date(row.created_at).toISOString(),
  };
}

export function toRoom(row: RoomRow, myRole: Role): Room {
  return { ...toRoomInfo(row), myRole };
}

/** LiveKit room metadata: what the clients in the meeting follow live (LiveRoomSettings). */
export function liveSettingsOf(row: RoomRow): string {
  const settings: LiveRoomSettings = { allowRecording: row.allow_recording === 1 };
  return JSON.stringify(settings);
}
