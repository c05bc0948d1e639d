// Wakes long-polling waiting clients when a host decides. In-process only: a client polling
// another app server instance notices the decision at its next database check instead.
import { EventEmitter } from 'node:events';

export class WaitingNotifier {
  private readonly events = new EventEmitter();

  constructor() {
    // Many clients may wait at once; each adds one listener for its own request.
    this.events.setMaxListeners(0);
  }

  notify(requestId: string): void {
    this.events.emit(requestId);
  }

  /** Resolves on a notification for `requestId`, after `timeoutMs`, or when `signal` aborts. */
  wait(requestId: string, timeoutMs: number, signal?: AbortSignal): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.events.off(requestId, done);
        signal?.removeEventListener('abort', done);
        resolve();
      };
      const timer = setTimeout(done, timeoutMs);
      this.events.once(requestId, done);
      signal?.addEventListener('abort', done, { once: true });
    });
  }
}
