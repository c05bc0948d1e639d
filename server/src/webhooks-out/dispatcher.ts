// The background sender. It drains due outbox messages, sleeps until the next poll, and wakes
// early when notify() says something new was queued. Pending rows live in the database, so a
// restarted server simply picks them up. stop() leaves no timer or request behind.
import type { Kysely } from 'kysely';
import type { FastifyBaseLogger } from 'fastify';
import type { Tables } from '../db/schema.js';
import { DEFAULT_RETRY_POLICY, type RetryPolicy } from './backoff.js';
import { deliver } from './deliver.js';
import { claimDue, recordAttempt, releaseClaim, type ClaimedMessage } from './outbox-store.js';

export interface DispatcherOptions {
  retry?: Partial<RetryPolicy>;
  /** How often to look for due retries when nothing is notified. */
  pollIntervalMs?: number;
  requestTimeoutMs?: number;
  batchSize?: number;
}

export class WebhookDispatcher {
  private readonly retry: RetryPolicy;
  private readonly pollMs: number;
  private readonly timeoutMs: number;
  private readonly batchSize: number;
  private readonly stopController = new AbortController();
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private wakeAgain = false;
  private started = false;

  constructor(
    private readonly db: Kysely<Tables>,
    private readonly log: FastifyBaseLogger,
    options: DispatcherOptions = {},
  ) {
    this.retry = { ...DEFAULT_RETRY_POLICY, ...options.retry };
    this.pollMs = options.pollIntervalMs ?? 1000;
    this.timeoutMs = options.requestTimeoutMs ?? 10_000;
    this.batchSize = options.batchSize ?? 20;
  }

  start(): void {
    if (this.started || this.stopController.signal.aborted) return;
    this.started = true;
    this.notify();
  }

  /** Something was queued: run now, or right after the current round. */
  notify(): void {
    if (!this.started || this.stopController.signal.aborted) return;
    if (this.running) {
      this.wakeAgain = true;
      return;
    }
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.running = this.round().finally(() => {
      this.running = null;
      if (this.wakeAgain) {
        this.wakeAgain = false;
        this.notify();
      } else {
        this.schedule(this.pollMs);
      }
    });
  }

  async stop(): Promise<void> {
    this.stopController.abort();
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.running;
  }

  private schedule(delayMs: number): void {
    if (this.stopController.signal.aborted) return;
    this.timer = setTimeout(() => this.notify(), delayMs);
  }

  private async round(): Promise<void> {
    try {
      let claimed: ClaimedMessage[];
      do {
        const leaseMs = this.timeoutMs * 3;
        claimed = await claimDue(this.db, Date.now(), this.batchSize, leaseMs);
        await Promise.all(claimed.map((message) => this.send(message)));
      } while (claimed.length === this.batchSize && !this.stopController.signal.aborted);
    } catch (err) {
      // A database hiccup must not kill the loop; the next poll tries again.
      this.log.error({ err }, 'webhook dispatch round failed');
    }
  }

  private async send(message: ClaimedMessage): Promise<void> {
    const outcome = await deliver(message, this.timeoutMs, this.stopController.signal);
    if (this.stopController.signal.aborted && outcome.statusCode === null) {
      // Cut short by shutdown: not the receiver's fault, so it is not counted as an attempt.
      await releaseClaim(this.db, message.id);
      return;
    }
    const status = await recordAttempt(this.db, message, outcome, this.retry);
    if (status === 'failed') {
      this.log.warn({ messageId: message.id, endpointId: message.endpointId }, 'webhook gave up');
    }
  }
}
