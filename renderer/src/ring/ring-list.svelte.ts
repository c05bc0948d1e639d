// The ring window's state: the rings main has on show (ring.current at start, ring.changed after)
// and the card buttons, which main carries out (ring.answer / ring.decline). Main hides the
// window when the last ring stops, so this page never decides that itself.
import type { CallRing } from '../../../common/calls.js';
import type { Platform } from '../platform/platform.js';
import type { RingActions } from '../lib/ring-actions.js';

export class RingList implements RingActions {
  rings = $state<CallRing[]>([]);
  #heard = false;

  constructor(private readonly platform: Platform) {}

  start(): void {
    this.platform.on('ring.changed', (rings) => {
      this.#heard = true;
      this.rings = rings;
    });
    // The window may be created for the first ring, after that ring's ring.changed went out.
    void this.platform.invoke('ring.current').then(
      ({ rings }) => {
        if (!this.#heard) this.rings = rings;
      },
      (err: unknown) => console.error('could not read the rings', err),
    );
  }

  /** The one ring that sounds: the first that is not silent, so two calls ring as one tone. */
  get audible(): CallRing | undefined {
    return this.rings.find((r) => !r.silent);
  }

  accept(ring: CallRing, camera: boolean): Promise<void> {
    return this.platform.invoke('ring.answer', { callId: ring.callId, camera });
  }

  /** Tells main how tall the cards are, so the window fits them. */
  fit(height: number): void {
    void this.platform.invoke('ring.fit', { height: Math.ceil(height) }).catch(() => undefined);
  }

  decline(ring: CallRing, message?: string): Promise<void> {
    const text = message?.trim();
    return this.platform.invoke('ring.decline', { callId: ring.callId, ...(text ? { message: text } : {}) });
  }
}
