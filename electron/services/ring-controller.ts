// Decides what the desktop shows while someone calls: a ring window (always on top, on the
// active screen), an OS notification, a ring sound and a tray state, through a RingPort that
// the Electron adapter implements (adapters/ring-window.ts). Plain logic, tested under Node:
// ring on call.ringing (silently when the callee is in a meeting), stop on call.stopped or when
// the ring expires, and never show an expired ring replayed after a reconnect, nor one that a
// catch-up after a reconnect (handed on in one run, see common/push-client.ts) also stops.
// The set of rings on show goes to the ring window's page (`ring.changed`) on every change;
// answering or declining there (services/ring-answers.ts) stops a ring here at once.
import type { CallRing } from '../../common/calls.js';
import type { PushDelivery } from '../../common/push.js';

export interface RingPort {
  /** Shows the ring window and notification; `sound` is false for a silent (in-meeting) ring. */
  show(ring: CallRing, sound: boolean): void;
  hide(callId: string): void;
  /** The tray shows that something rings. */
  setRinging(ringing: boolean): void;
  /** True when the port has a ring window of its own: the app window then shows no ring banner. */
  readonly hasWindow?: boolean;
  /** Opens the app window, or brings it to the front (a call was answered in the ring window). */
  openApp?(): void;
  /** Signed in: get the ring window ready (loaded, hidden), so the first ring is as quick as the rest. */
  prepare?(): void;
  /** Signed out: the ring window goes, so a signed-out app quits with its last window as before. */
  release?(): void;
  /** The ring page measured its content: the window takes that height (within the work area). */
  fit?(height: number): void;
}

export class RingController {
  private readonly rings = new Map<
    string,
    { ring: CallRing; timer: ReturnType<typeof setTimeout>; shown: boolean }
  >();

  constructor(
    private readonly port: RingPort,
    private readonly now: () => number = Date.now,
    /** Told the rings on show whenever that set changes (main emits it as `ring.changed`). */
    private readonly onChange: (shown: CallRing[]) => void = () => undefined,
  ) {}

  get ringing(): CallRing[] {
    return [...this.rings.values()].map((r) => r.ring);
  }

  get hasWindow(): boolean {
    return this.port.hasWindow === true;
  }

  /** The ring of a call still ringing here, if any. */
  find(callId: string): CallRing | undefined {
    return this.rings.get(callId)?.ring;
  }

  openApp(): void {
    this.port.openApp?.();
  }

  fit(height: number): void {
    this.port.fit?.(height);
  }

  handle({ event }: PushDelivery): void {
    if (event.type === 'call.ringing') this.start(event.ring);
    else if (event.type === 'call.stopped') this.stop(event.callId);
  }

  private start(ring: CallRing): void {
    const left = Date.parse(ring.expiresAt) - this.now();
    if (left <= 0 || this.rings.has(ring.callId)) return;
    const timer = setTimeout(() => this.stop(ring.callId), left);
    const entry = { ring, timer, shown: false };
    this.rings.set(ring.callId, entry);
    // Shown once the events being handed on now are handled: a stop among them shows nothing.
    queueMicrotask(() => {
      if (this.rings.get(ring.callId) !== entry) return;
      entry.shown = true;
      this.port.show(ring, !ring.silent);
      this.port.setRinging(true);
      this.changed();
    });
  }

  /** Stops a ring: answered or declined here, stopped by the server, or expired. */
  stop(callId: string): void {
    const entry = this.rings.get(callId);
    if (!entry) return;
    clearTimeout(entry.timer);
    this.rings.delete(callId);
    if (!entry.shown) return;
    this.port.hide(callId);
    if (![...this.rings.values()].some((r) => r.shown)) this.port.setRinging(false);
    this.changed();
  }

  private changed(): void {
    this.onChange([...this.rings.values()].filter((r) => r.shown).map((r) => r.ring));
  }

  dispose(): void {
    for (const callId of [...this.rings.keys()]) this.stop(callId);
  }
}
