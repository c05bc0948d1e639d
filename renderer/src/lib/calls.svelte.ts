// Calls as the UI sees them: the incoming rings (from the push channel), the call I placed and
// how it stands, and the missed-calls count for the badge. Accepting answers on the server, then
// opens the call's room in the normal meeting UI with or without the camera. On a desktop with a
// ring window (main says so in ring.current) the rings show there instead: this window shows no
// banner and plays no tone, and joins a call answered there when main hands it the join.
import type { CallRing, CallView } from '../../../common/calls.js';
import type { PushDelivery } from '../../../common/push.js';
import { errorText, type Platform } from '../platform/platform.js';
import type { RingActions } from './ring-actions.js';

export interface CallHost {
  /** Opens the call's room, joining with the camera on or off. */
  openCall(roomId: string, camera: boolean): Promise<void>;
  /** Leaves the call's room if it is open (the call ended unanswered). */
  leaveCall(roomId: string): void;
  notify(text: string): void;
}

export class CallsState implements RingActions {
  #rings = $state<CallRing[]>([]);
  /** A ring window shows the rings; on a desktop assumed until main says otherwise, so a ring
   *  arriving before main's answer never flashes up (or sounds) here. */
  #ringWindow = $state(false);
  /** The call I placed, while it matters (ringing, or just settled). */
  outgoing = $state<CallView | null>(null);
  missed = $state(0);
  connected = $state(false);

  constructor(
    private readonly platform: Platform,
    private readonly host: CallHost,
  ) {
    this.#ringWindow = platform.kind === 'electron';
    platform.on('push.event', (delivery) => this.onPush(delivery));
    // A desktop window opened by a ring missed its push event: main says what rings now.
    void platform.invoke('ring.current').then(
      ({ rings, ringWindow }) => {
        this.#ringWindow = ringWindow;
        rings.forEach((ring) => this.#ring(ring));
      },
      () => (this.#ringWindow = false),
    );
    platform.on('push.status', ({ connected }) => {
      this.connected = connected;
      if (connected) void this.refreshMissed();
    });
  }

  /** The rings this window shows: none while a ring window shows them. */
  get rings(): CallRing[] {
    return this.#ringWindow ? [] : this.#rings;
  }

  /** Joins a call answered in the desktop's ring window, if main holds one for this window. */
  async takeJoin(): Promise<void> {
    const join = await this.platform.invoke('ring.takeJoin').catch(() => null);
    if (!join) return;
    await this.host
      .openCall(join.roomId, join.camera)
      .catch((err: unknown) => this.host.notify(`Could not join the call: ${errorText(err)}`));
  }

  async refreshMissed(): Promise<void> {
    try {
      this.missed = (await this.platform.call('calls.missedCount')).count;
    } catch {
      // the badge keeps its last value; the next push event corrects it
    }
  }

  async markSeen(): Promise<void> {
    this.missed = (await this.platform.call('calls.missedSeen')).count;
  }

  async call(userIds: string[], video: boolean): Promise<void> {
    const call = await this.platform.call('calls.place', { body: { callees: userIds, video } });
    this.outgoing = call;
    if (call.settled) return; // nobody could be rung (do not disturb)
    await this.host.openCall(call.roomId, video);
  }

  async cancel(): Promise<void> {
    if (!this.outgoing) return;
    this.outgoing = await this.platform.call('calls.cancel', { params: { id: this.outgoing.id } });
    this.host.leaveCall(this.outgoing.roomId);
  }

  async accept(ring: CallRing, camera: boolean): Promise<void> {
    this.#drop(ring.callId);
    try {
      await this.platform.call('calls.answer', { params: { id: ring.callId } });
      await this.host.openCall(ring.roomId, camera);
    } catch (err) {
      this.host.notify(`Could not answer: ${errorText(err)}`);
    }
  }

  async decline(ring: CallRing, message?: string): Promise<void> {
    this.#drop(ring.callId);
    await this.platform
      .call('calls.decline', { params: { id: ring.callId }, body: message ? { message } : {} })
      .catch((err: unknown) => this.host.notify(`Could not decline: ${errorText(err)}`));
  }

  dismissOutgoing(): void {
    this.outgoing = null;
  }

  #ring(ring: CallRing): void {
    const left = Date.parse(ring.expiresAt) - Date.now();
    if (left <= 0 || this.#rings.some((r) => r.callId === ring.callId)) return;
    this.#rings = [...this.#rings, ring];
    setTimeout(() => this.#drop(ring.callId), left);
  }

  #drop(callId: string): void {
    this.#rings = this.#rings.filter((r) => r.callId !== callId);
  }

  private onPush({ event }: PushDelivery): void {
    switch (event.type) {
      case 'call.ringing':
        this.#ring(event.ring);
        return;
      case 'call.stopped':
        this.#drop(event.callId);
        return;
      case 'call.updated':
        if (this.outgoing?.id !== event.call.id) return;
        this.outgoing = event.call;
        // Nobody answered: the caller is not left alone in an empty call room.
        if (event.call.settled && !event.call.answered) this.host.leaveCall(event.call.roomId);
        return;
      case 'calls.missed':
        this.missed = event.count;
        return;
      case 'meeting.started':
      case 'waiting.knock':
      case 'recording.changed':
        return; // handled where they matter (host controls, room banners)
      default: {
        const unknown: never = event;
        return unknown;
      }
    }
  }
}
