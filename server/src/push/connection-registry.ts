// Which users have a live push connection, on any instance: one row per connection, under the
// lease of the instance holding it (instance-lease.ts). A connection counts while its instance's
// lease is live; a dead instance's connections are swept by a live one, which announces whoever
// is left with none (a stopping instance leaves its connections to the sweep too). People's
// "offline" is read from here, and the people area hears when a user's first connection opens or
// their last one goes (onChange): closed, or swept.
import type { FastifyBaseLogger } from 'fastify';
import type { Kysely, RawBuilder } from 'kysely';
import { databaseNow } from '../db/clock.js';
import type { DialectName } from '../db/database.js';
import type { Tables } from '../db/schema.js';
import {
  clearAllInstances,
  InstanceLease,
  liveCutoff,
  sweepDeadInstances,
  type LeaseTimes,
} from './instance-lease.js';

/** A user came online (their first live connection) or went offline (their last one went). */
export type OnlineChange = (userId: string) => void;

export interface RegistryOptions {
  times: LeaseTimes;
  /** Lease times are the database's clock (db/clock.ts). */
  dialect: DialectName;
  /** The only instance there can be (SQLite): what an earlier run left is cleared at start. */
  sole: boolean;
}

export class ConnectionRegistry {
  private readonly lease: InstanceLease;
  private timer: NodeJS.Timeout | null = null;
  private readonly listeners = new Set<OnlineChange>();
  private readonly leaseLostListeners = new Set<() => void>();
  private stopped = false;
  private beating = false;

  constructor(
    private readonly db: Kysely<Tables>,
    private readonly log: FastifyBaseLogger,
    private readonly options: RegistryOptions,
  ) {
    this.lease = new InstanceLease(db, options.dialect);
  }

  /** Connections of instances whose lease was renewed after this count (see PeopleStore): the
   *  database's clock, the dead time ago. */
  liveSince(): RawBuilder<number> {
    return liveCutoff(this.options.dialect, this.options.times.deadAfterMs);
  }

  async add(connectionId: string, userId: string): Promise<void> {
    const { connected_at: now } = await this.db
      .insertInto('push_connections')
      .values({
        id: connectionId,
        user_id: userId,
        instance_id: this.lease.id,
        connected_at: databaseNow(this.options.dialect),
      })
      .returning('connected_at')
      .executeTakeFirstOrThrow();
    // First, unless an older connection of theirs is live. Two connections opening at once may
    // both count as first (one event too many), never neither: the older one sees no older one.
    const older = await this.live(userId)
      .where((eb) =>
        eb.or([
          eb('c.connected_at', '<', now),
          eb.and([eb('c.connected_at', '=', now), eb('c.id', '<', connectionId)]),
        ]),
      )
      .executeTakeFirst();
    if (!older) this.changed(userId);
  }

  async remove(connectionId: string): Promise<void> {
    if (this.stopped && !this.options.sole) return; // handed over to the sweep: see stop()
    const gone = await this.db
      .deleteFrom('push_connections')
      .where('id', '=', connectionId)
      .returning('user_id')
      .executeTakeFirst();
    if (gone) await this.changedIfOffline(gone.user_id);
  }

  /** Listens for users coming online or going offline through this instance. */
  onChange(listener: OnlineChange): void {
    this.listeners.add(listener);
  }

  /** Listens for this instance finding its lease swept (it stalled past deadAfterMs): others
   *  have dropped its connections and told everyone, so its sockets should reconnect. */
  onLeaseLost(listener: () => void): void {
    this.leaseLostListeners.add(listener);
  }

  /** Of these users, the ones with a live connection somewhere. */
  async online(userIds: readonly string[]): Promise<Set<string>> {
    if (userIds.length === 0) return new Set();
    const rows = await this.liveConnections()
      .select('c.user_id')
      .distinct()
      .where('c.user_id', 'in', userIds)
      .execute();
    return new Set(rows.map((r) => r.user_id));
  }

  async start(): Promise<void> {
    if (this.options.sole) await clearAllInstances(this.db);
    await this.lease.claim();
    this.timer ??= setInterval(() => void this.beat(), this.options.times.heartbeatMs);
    this.timer.unref();
  }

  /** Stops the heartbeat. Alone (SQLite), gives up the lease with its connections. With others,
   *  leaves the connections under a lease that lapses in one heartbeat: those whose clients
   *  reconnect elsewhere by then are never shown offline, and the others are announced offline
   *  by the sweep, as for a dead instance. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    try {
      if (this.options.sole) await this.lease.release();
      else await this.lease.lapseIn(this.options.times.heartbeatMs, this.options.times.deadAfterMs);
    } catch (err) {
      this.log.warn({ err }, 'push: the lease was not given up; it lapses by itself');
    }
  }

  private liveConnections() {
    return this.db
      .selectFrom('push_connections as c')
      .innerJoin('push_instances as i', 'i.id', 'c.instance_id')
      .where('i.seen_at', '>', this.liveSince());
  }

  private live(userId: string) {
    return this.liveConnections().select('c.id').where('c.user_id', '=', userId);
  }

  private async changedIfOffline(userId: string): Promise<void> {
    if (!(await this.live(userId).executeTakeFirst())) this.changed(userId);
  }

  private changed(userId: string): void {
    if (this.stopped) return; // shutting down: the clients reconnect elsewhere
    for (const listener of this.listeners) listener(userId);
  }

  /** Renews this instance's lease, then sweeps the dead instances' (any instance may; see
   *  sweepDeadInstances for why several at once is safe) and tells whom it left offline. */
  private async beat(): Promise<void> {
    if (this.beating) return; // the last one is still waiting for the database
    this.beating = true;
    try {
      if (!(await this.lease.renew())) {
        this.log.warn('push: this instance missed its heartbeats and was taken for dead; new lease');
        await this.lease.replace();
        for (const listener of this.leaseLostListeners) listener();
      }
      const users = await sweepDeadInstances(this.db, this.options.dialect, this.options.times.deadAfterMs);
      for (const userId of users) this.changed(userId);
    } catch (err) {
      this.log.warn({ err }, 'push: heartbeat or sweep failed');
    } finally {
      this.beating = false;
    }
  }
}
