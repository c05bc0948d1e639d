// Tables of the enforcement area (migration 005).
export interface RoomRemovalsTable {
  room_id: string;
  /** The LiveKit identity removed: a user id or a guest's `guest-…`. */
  identity: string;
  removed_at: number;
  /** User id of the host who removed them. */
  removed_by: string;
}

export interface RoomLocksTable {
  room_id: string;
  /** When the host locked the room; who was in the meeting then may reconnect. */
  locked_at: number;
}
