// The push hub of one app server instance: writes events to the per-user log inside a
// transaction, announces them through the fanout, and wakes this instance's connections of the
// announced users, each of which then reads its own log from where it left off. Other areas
// publish through `app.push` (see plugin.ts): calls, the waiting room, meetings, recording.
import type { FastifyBaseLogger } from 'fastify';
import type { Kysely } from 'kysely';
import type { PresenceChange, PushEvent } from '../../../common/push.js';
import type { Tables } from '../db/schema.js';
import { appendEvents, type PendingEvent } from './event-log.js';
import type { Announcement, Fanout } from './fanout.js';

/** One live connection, as the hub sees it. */
export interface PushSubscriber {
  readonly userId: string;
  /** Reads and sends whatever is new in the user's log. */
  wake(): void;
  /** Sends a colleague's presence change (once the connection is ready). */
  presence(change: PresenceChange): void;
}

/** Handed to work done in PushHub.transact: events to append and things to do after commit. */
export interface PushOutbox {
  push(userIds: string | readonly string[], event: PushEvent): void;
  afterCommit(task: () => void): void;
}

/** PushHub.transact, for areas that run their writes through it (the webhook ingest, the
 *  reconciler): whatever they push commits with their own changes or not at all. */
export type PushTransact = <T>(work: (trx: Kysely<Tables>, outbox: PushOutbox) => Promise<T>) => Promise<T>;

export class PushHub {
  private readonly subscribers = new Map<string, Set<PushSubscriber>>();

  constructor(
    private readonly db: Kysely<Tables>,
    private readonly fanout: Fanout,
    private readonly log: FastifyBaseLogger,
  ) {
    fanout.onAnnounce((users) => this.wake(users));
    fanout.onPresence((change) => {
      for (const [userId, set] of this.subscribers)
        if (userId !== change.userId) for (const subscriber of set) subscriber.presence(change);
    });
  }

  /** Tells every connection but the user's own, on every instance, that their presence changed. */
  async presence(change: PresenceChange): Promise<void> {
    await this.fanout.presence(this.db, change);
  }

  /** Hears every presence change told, by any instance (this one too). */
  onPresence(listener: (change: PresenceChange) => void): void {
    this.fanout.onPresence(listener);
  }

  /** Runs `work` in one transaction; the events it pushes are committed with it or not at all.
   *  Other instances hear of them only after commit (PostgreSQL delivers a NOTIFY at commit). */
  async transact<T>(work: (trx: Kysely<Tables>, outbox: PushOutbox) => Promise<T>): Promise<T> {
    const events: PendingEvent[] = [];
    const after: Array<() => void> = [];
    const outbox: PushOutbox = {
      push: (userIds, event) => {
        for (const userId of typeof userIds === 'string' ? [userIds] : userIds)
          events.push({ userId, event });
      },
      afterCommit: (task) => after.push(task),
    };
    let users: string[] = [];
    const result = await this.db.transaction().execute(async (trx) => {
      const value = await work(trx, outbox);
      if (events.length > 0) {
        users = await appendEvents(trx, events, Date.now());
        await this.fanout.inTransaction(trx, users);
      }
      return value;
    });
    if (users.length > 0) this.fanout.afterCommit(users);
    for (const task of after) {
      try {
        task();
      } catch (err) {
        this.log.error({ err }, 'push: an after-commit task failed');
      }
    }
    return result;
  }

  /** Sends one event to these users (every device of theirs, on any instance). */
  async publish(userIds: string | readonly string[], event: PushEvent): Promise<void> {
    await this.transact(async (_trx, outbox) => outbox.push(userIds, event));
  }

  subscribe(subscriber: PushSubscriber): () => void {
    const set = this.subscribers.get(subscriber.userId) ?? new Set();
    set.add(subscriber);
    this.subscribers.set(subscriber.userId, set);
    return () => {
      set.delete(subscriber);
      if (set.size === 0) this.subscribers.delete(subscriber.userId);
    };
  }

  get connectionCount(): number {
    let n = 0;
    for (const set of this.subscribers.values()) n += set.size;
    return n;
  }

  private wake(users: Announcement): void {
    const sets = users === 'all' ? [...this.subscribers.values()] : users.map((u) => this.subscribers.get(u));
    for (const set of sets) for (const subscriber of set ?? []) subscriber.wake();
  }
}
