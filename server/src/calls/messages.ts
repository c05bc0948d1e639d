// The outgoing webhooks of calls: `call.started` when the first callee answers, `call.missed` for
// each callee who did not (missed, busy, or do-not-disturb).
import type { CallLegsTable, CallsTable } from './tables.js';
import type { OutgoingMessage } from '../webhooks-out/messages.js';

const iso = (ms: number) => new Date(ms).toISOString();

export function callStarted(call: CallsTable, answeredBy: string, at: number): OutgoingMessage {
  return {
    type: 'call.started',
    timestamp: iso(at),
    data: { callId: call.id, roomId: call.room_id, callerId: call.caller_id, answeredBy, startedAt: iso(at) },
  };
}

export function callMissed(call: CallsTable, leg: CallLegsTable, at: number): OutgoingMessage {
  return {
    type: 'call.missed',
    timestamp: iso(at),
    data: {
      callId: call.id,
      roomId: call.room_id,
      callerId: call.caller_id,
      calleeId: leg.user_id,
      outcome: leg.outcome,
      ringMs: at - leg.rang_at,
    },
  };
}
