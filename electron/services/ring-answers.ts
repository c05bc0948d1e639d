// What the ring window's buttons do, decided in main: Accept answers the call on the app server
// at once through main's own backend client (so the callee's other devices stop ringing as soon
// as the server tells them), stops the ring here (the ring window hides with the last one), and
// leaves the join for the app window, which it opens or raises. The app window takes the join
// with `ring.takeJoin`: at start (a window opened for it missed every event) and on
// `ring.joinPending`; taking it clears it, so the join happens once whichever asks first.
// Decline declines on the server, with the optional message. Plain Node, tested under vitest.
import type { ApiCall } from '../../common/api.js';
import type { EmitEvent } from './events.js';
import { ServiceError } from './errors.js';
import type { Logger } from './logger.js';
import type { RingController } from './ring-controller.js';

/** A call answered in the ring window, waiting for the app window to join its room. */
export interface PendingJoin {
  callId: string;
  roomId: string;
  camera: boolean;
}

/** A join nobody took within this long is stale (the app window never came up): dropped. */
export const PENDING_JOIN_MS = 60_000;

export interface RingAnswersOptions {
  rings: RingController | null;
  api: ApiCall;
  emit: EmitEvent;
  log: Logger;
  now?: () => number;
}

export class RingAnswers {
  private pending: (PendingJoin & { at: number }) | null = null;

  constructor(private readonly opts: RingAnswersOptions) {}

  async answer(callId: string, camera: boolean): Promise<void> {
    const ring = this.ringing(callId);
    // The server first: if the call ended meanwhile, its error reaches the ring window's card.
    await this.opts.api('calls.answer', { params: { id: callId } });
    this.opts.rings?.stop(callId);
    this.pending = { callId, roomId: ring.roomId, camera, at: this.now() };
    this.opts.log.info('answered from the ring window', { callId, camera });
    this.opts.rings?.openApp();
    this.opts.emit('ring.joinPending', {});
  }

  async decline(callId: string, message?: string): Promise<void> {
    this.ringing(callId);
    const text = message?.trim();
    await this.opts.api('calls.decline', { params: { id: callId }, body: text ? { message: text } : {} });
    this.opts.rings?.stop(callId);
  }

  /** The join of a call answered in the ring window, once; null when there is none. */
  takeJoin(): PendingJoin | null {
    const pending = this.pending;
    this.pending = null;
    if (!pending || this.now() - pending.at > PENDING_JOIN_MS) return null;
    return { callId: pending.callId, roomId: pending.roomId, camera: pending.camera };
  }

  private ringing(callId: string) {
    const ring = this.opts.rings?.find(callId);
    if (!ring) throw new ServiceError('NOT_RINGING', 'This call is no longer ringing.');
    return ring;
  }

  private now(): number {
    return (this.opts.now ?? Date.now)();
  }
}
