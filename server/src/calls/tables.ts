// Calls and their legs (migration 006). Presence lives in people/tables.ts.
import type { CallOutcome } from '../../../common/calls.js';

export interface CallsTable {
  id: string;
  /** The call's own one-time room. */
  room_id: string;
  caller_id: string;
  video: number;
  created_at: number;
  answered_at: number | null;
}

/** One callee of a call: rung once; the outcome leaves 'ringing' exactly once. */
export interface CallLegsTable {
  call_id: string;
  user_id: string;
  invited_by: string;
  outcome: CallOutcome;
  silent: number;
  rang_at: number;
  ring_deadline: number;
  ring_ended_at: number | null;
  message: string | null;
}
