// Which users have a live push connection, on any instance: one row per connection, refreshed
// by its instance on a heartbeat. A row not refreshed for STALE_MS belongs to an instance that
// died without cleaning up, and no longer counts. People's "offline" is read from here, and the
// people area hears when a user's first connection opens or their last one closes (onChange).
import { randomUUID } from 'node:crypto';
import type { FastifyBaseLogger } from 'fastify';
import type { Kysely } from 'kysely';
import type { Tables } from '../db/schema.js';

export const HEARTBEAT_MS = 15_000;
export const STALE_MS = 3 * HEARTBEAT_MS;

/** A user came online (their first live connection) or went offline (their last one closed). */
export type OnlineChange = (userId: string) => void;

export class ConnectionRegistry {
  readonly instanceId = randomUUID();
  private timer: NodeJS.Timeout | null = null;
  private readonly listeners = new Set<OnlineChange>();
  private stopped = false;

  constructor(
    private readonly db: Kysely<Tables>,
    private readonly log: FastifyBaseLogger,
  ) {}

  async add(connectionId: string, userId: string): Promise<void> {
    const now = Date.now();
    await this.db
      .insertInto('push_connections')
      .values({
        id: connectionId,
        user_id: userId,
        instance_id: this.instanceId,
        connected_at: now,
        seen_at: now,
      })
      .execute();
    // First, unless an older connection of theirs is live. Two connections opening at once may
    // both count as first (one event too many), never neither: the older one sees no older one.
    const older = await this.live(userId)
      .where((eb) =>
        eb.or([
          eb('connected_at', '<', now),
          eb.and([eb('connected_at', '=', now), eb('id', '<', connectionId)]),
        ]),
      )
      .executeTakeFirst();
    if (!older) this.changed(userId);
  }

  async remove(connectionId: string): Promise<void> {
    const gone = await this.db
      .deleteFrom('push_connections')
      .where('id', '=', connectionId)
      .returning('user_id')
      .executeTakeFirst();
    if (gone && !(await this.live(gone.user_id).executeTakeFirst())) this.changed(gone.user_id);
  }

  /** Listens for users coming online or going offline through this instance. */
  onChange(listener: OnlineChange): void {
    this.listeners.add(listener);
  }

  private live(userId: string) {
    return this.db
      .selectFrom('push_connections')
      .select('id')
      .where('user_id', '=', userId)
      .where('seen_at', '>', Date.now() - STALE_MS);
  }

  private changed(userId: string): void {
    if (this.stopped) return; // shutting down: the clients reconnect elsewhere
    for (const listener of this.listeners) listener(userId);
  }

  /** Of these users, the ones with a live connection somewhere. */
  async online(userIds: readonly string[]): Promise<Set<string>> {
    if (userIds.length === 0) return new Set();
    const rows = await this.db
      .selectFrom('push_connections')
      .select('user_id')
      .distinct()
      .where('user_id', 'in', userIds)
      .where('seen_at', '>', Date.now() - STALE_MS)
      .execute();
    return new Set(rows.map((r) => r.user_id));
  }

  start(): void {
    this.timer ??= setInterval(() => void this.beat(), HEARTBEAT_MS);
    this.timer.unref();
  }

  /** Stops the heartbeat and removes this instance's rows (its connections are closing). */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.db.deleteFrom('push_connections').where('instance_id', '=', this.instanceId).execute();
  }

  private async beat(): Promise<void> {
    const now = Date.now();
    try {
      await this.db
        .updateTable('push_connections')
        .set({ seen_at: now })
        .where('instance_id', '=', this.instanceId)
        .execute();
      // Anyone's long-dead rows; cheap, and keeps the table small.
      await this.db
        .deleteFrom('push_connections')
        .where('seen_at', '<', now - 10 * STALE_MS)
        .execute();
    } catch (err) {
      this.log.warn({ err }, 'push: connection heartbeat failed');
    }
  }
}
