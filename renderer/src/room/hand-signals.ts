// Raised hands. The preferred carrier is a participant attribute (setAttributes({ hand: '1' })),
// which LiveKit keeps and shows to late joiners by itself. Convene's app server withholds
// canUpdateMetadata (the role lives in metadata), so then hands travel as small reliable data
// messages instead, re-sent to each newcomer while the hand is up; each ParticipantState keeps
// what it learnt that way (setHandByMessage).

export const HAND_TOPIC = 'convene.hand';

const RAISED = 0x31; // '1'
const LOWERED = 0x30; // '0'

export function encodeHand(raised: boolean): Uint8Array<ArrayBuffer> {
  return new Uint8Array([raised ? RAISED : LOWERED]);
}

/** The state a hand message carries, or null for anything that is not one. */
export function decodeHand(payload: Uint8Array): boolean | null {
  if (payload.byteLength !== 1) return null;
  return payload[0] === RAISED ? true : payload[0] === LOWERED ? false : null;
}
