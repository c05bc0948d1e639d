// The livekit_events table: every verified LiveKit webhook, stored before it is answered.
export interface LivekitEventsTable {
  /** LiveKit's event id; the primary key makes redelivery a no-op. */
  id: string;
  event: string;
  room_sid: string | null;
  room_name: string | null;
  participant_identity: string | null;
  /** The exact body LiveKit signed. */
  payload: string;
  /** When LiveKit says the event happened (epoch ms). */
  created_at: number;
  received_at: number;
}
