// How one call reads for the signed-in person (the call card on People and in History): who it
// was with, what became of it for me, how long it rang, and whom "Call back" rings. Pure, so it
// is unit-tested.
import type { CallView } from '../../../common/calls.js';

/** I was rung and did not answer (missed, or busy in a meeting). */
export const missedByMe = (c: CallView, me: string | undefined): boolean =>
  c.parties.some((p) => p.id === me && (p.outcome === 'missed' || p.outcome === 'busy'));

export function outcomeText(c: CallView, me: string | undefined): string {
  if (missedByMe(c, me)) return 'Missed';
  if (c.caller.id === me) {
    if (c.answered) return 'Outgoing';
    const outcomes = new Set(c.parties.map((p) => p.outcome));
    if (outcomes.size === 1 && outcomes.has('declined')) return 'Declined';
    if (outcomes.size === 1 && outcomes.has('cancelled')) return 'Cancelled';
    return 'Not answered';
  }
  const mine = c.parties.find((p) => p.id === me)?.outcome;
  return mine === 'declined' ? 'Declined' : mine === 'cancelled' ? 'Cancelled' : 'Incoming';
}

/** The other people of the call, as a name list. */
export const counterpart = (c: CallView, me: string | undefined): string =>
  c.caller.id === me ? c.parties.map((p) => p.displayName).join(', ') : c.caller.displayName;

/** Calling back rings the others of the call: the callees if I called, else the caller. */
export const callBackIds = (c: CallView, me: string | undefined): string[] =>
  c.caller.id === me ? c.parties.map((p) => p.id) : [c.caller.id];

/** How long it rang for me (a callee), or the longest it rang for anyone (the caller). */
export function ringText(c: CallView, me: string | undefined): string {
  if (!c.settled) return 'ringing';
  const times = c.parties.filter((p) => c.caller.id === me || p.id === me).map((p) => p.ringMs ?? 0);
  const seconds = Math.max(0, ...times) / 1000;
  if (seconds === 0) return 'did not ring'; // do not disturb
  return `rang ${seconds.toFixed(seconds < 10 ? 1 : 0)} s`;
}

/** The card's one line under the name: "Audio · Declined · rang 2.1 s". */
export const callSummary = (c: CallView, me: string | undefined): string =>
  `${c.video ? 'Video' : 'Audio'} · ${outcomeText(c, me)} · ${ringText(c, me)}`;
