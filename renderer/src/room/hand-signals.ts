// Raised hands. The preferred carrier is a participant attribute (setAttributes({ hand: '1' })),
// which LiveKit keeps and shows to late joiners by itself. Convene's app server withholds
// canUpdateMetadata (the role lives in metadata), so then hands travel as small reliable data
// messages instead, re-sent to each newcomer while the hand is up.

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

export class HandSignals {
  /** Identities with a hand raised through data messages. */
  readonly #raised = new Set<string>();
  localRaised = false;

  isRaised(identity: string, attributes: Readonly<Record<string, string>>): boolean {
    return attributes.hand === '1' || this.#raised.has(identity);
  }

  /** Applies a received message; true when it changed something. */
  receive(identity: string, raised: boolean): boolean {
    const had = this.#raised.has(identity);
    if (raised) this.#raised.add(identity);
    else this.#raised.delete(identity);
    return had !== raised;
  }

  forget(identity: string): void {
    this.#raised.delete(identity);
  }
}
