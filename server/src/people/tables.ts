// Presence as clients set it (migration 006); "offline" comes from push_connections.
export interface UserPresenceTable {
  user_id: string;
  status: 'available' | 'dnd';
  in_meeting: number;
  updated_at: number;
  /** Missed calls before this time are no longer counted on the badge. */
  missed_seen_at: number;
}
