// Call detail record tables: one session per LiveKit room instance (room sid), one leg per
// participant connection.
export interface CdrSessionsTable {
  id: string;
  room_sid: string;
  /** The LiveKit room name, which is the app's room id. */
  room_name: string;
  started_at: number;
  ended_at: number | null;
  peak_participants: number;
  /** 1 when the time was inferred by the reconciler (no event told it), else 0. */
  started_inferred: number;
  ended_inferred: number;
}

export interface CdrLegsTable {
  id: string;
  session_id: string;
  participant_sid: string;
  identity: string;
  name: string;
  role: string | null;
  joined_at: number;
  left_at: number | null;
  address: string | null;
  user_agent: string | null;
  /** JSON array of track sources published during the leg, without duplicates. */
  tracks: string;
  /** 1 when the time was inferred by the reconciler (no event told it), else 0. */
  joined_inferred: number;
  left_inferred: number;
}
