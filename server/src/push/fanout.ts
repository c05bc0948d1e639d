// Tells every app server instance which users have new events. On PostgreSQL that is
// LISTEN/NOTIFY: the NOTIFY is issued inside the transaction that appended the events, so it is
// delivered at commit, exactly when the events become visible, to every instance (this one too).
// On SQLite there is one instance, so an in-process emitter after commit does the same.
// Presence changes go the same way but carry themselves and no log position (see PresenceChange).
import { EventEmitter } from 'node:events';
import { sql, type Kysely } from 'kysely';
import pg from 'pg';
import { z } from 'zod';
import type { FastifyBaseLogger } from 'fastify';
import { PresenceChange } from '../../../common/push.js';
import type { Tables } from '../db/schema.js';

/** Users with new events, or 'all' when an instance may have missed notifications. */
export type Announcement = readonly string[] | 'all';

export interface Fanout {
  /** Called inside the appending transaction. */
  inTransaction(trx: Kysely<Tables>, userIds: readonly string[]): Promise<void>;
  /** Called after that transaction committed. */
  afterCommit(userIds: readonly string[]): void;
  onAnnounce(listener: (users: Announcement) => void): void;
  /** Sends a presence change to every instance (this one too). */
  presence(db: Kysely<Tables>, change: PresenceChange): Promise<void>;
  onPresence(listener: (change: PresenceChange) => void): void;
  start(): Promise<void>;
  stop(): Promise<void>;
}

export class LocalFanout implements Fanout {
  private readonly emitter = new EventEmitter();
  async inTransaction(): Promise<void> {}
  afterCommit(userIds: readonly string[]): void {
    this.emitter.emit('announce', userIds);
  }
  onAnnounce(listener: (users: Announcement) => void): void {
    this.emitter.on('announce', listener);
  }
  async presence(_db: Kysely<Tables>, change: PresenceChange): Promise<void> {
    this.emitter.emit('presence', change);
  }
  onPresence(listener: (change: PresenceChange) => void): void {
    this.emitter.on('presence', listener);
  }
  async start(): Promise<void> {}
  async stop(): Promise<void> {}
}

const CHANNEL = 'convene_push';
/** NOTIFY payloads must stay under 8000 bytes; past this, say "everyone" instead. */
const MAX_PAYLOAD = 7000;
const RECONNECT_MS = 1000;
const PresenceNotice = z.object({ presence: PresenceChange });

export class PostgresFanout implements Fanout {
  private readonly emitter = new EventEmitter();
  private client: pg.Client | null = null;
  private stopped = false;
  private retry: NodeJS.Timeout | null = null;

  constructor(
    private readonly connectionString: string,
    private readonly log: FastifyBaseLogger,
  ) {}

  async inTransaction(trx: Kysely<Tables>, userIds: readonly string[]): Promise<void> {
    const payload = JSON.stringify(userIds);
    await sql`select pg_notify(${CHANNEL}, ${payload.length > MAX_PAYLOAD ? '"all"' : payload})`.execute(trx);
  }

  afterCommit(): void {} // delivered by PostgreSQL at commit

  onAnnounce(listener: (users: Announcement) => void): void {
    this.emitter.on('announce', listener);
  }

  async presence(db: Kysely<Tables>, change: PresenceChange): Promise<void> {
    await sql`select pg_notify(${CHANNEL}, ${JSON.stringify({ presence: change })})`.execute(db);
  }

  onPresence(listener: (change: PresenceChange) => void): void {
    this.emitter.on('presence', listener);
  }

  async start(): Promise<void> {
    await this.connect();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.retry) clearTimeout(this.retry);
    await this.client?.end().catch(() => undefined);
    this.client = null;
  }

  private async connect(): Promise<void> {
    const client = new pg.Client({ connectionString: this.connectionString });
    this.client = client;
    client.on('notification', (msg) => {
      const message = parse(msg.payload);
      if (typeof message === 'object' && 'presence' in message)
        this.emitter.emit('presence', message.presence);
      else this.emitter.emit('announce', message);
    });
    client.on('error', (err) => {
      this.log.warn({ err: err.message }, 'push: the LISTEN connection failed; reconnecting');
      this.reconnectSoon(client);
    });
    client.on('end', () => this.reconnectSoon(client));
    try {
      await client.connect();
      await client.query(`LISTEN ${CHANNEL}`);
    } catch (err) {
      this.reconnectSoon(client);
      throw err;
    }
    // Notifications sent while we were not listening are gone: have every connection catch up.
    this.emitter.emit('announce', 'all');
  }

  /** Replaces a failed client once (its 'error' and 'end' both arrive), after a pause. */
  private reconnectSoon(failed: pg.Client): void {
    if (this.stopped || this.client !== failed) return;
    this.client = null;
    failed.end().catch(() => undefined);
    this.retry = setTimeout(() => {
      this.connect().catch((err: unknown) => {
        this.log.warn({ err: (err as Error).message }, 'push: LISTEN reconnect failed; retrying');
      });
    }, RECONNECT_MS);
  }
}

function parse(payload: string | undefined): Announcement | { presence: PresenceChange } {
  try {
    const value: unknown = JSON.parse(payload ?? '"all"');
    if (Array.isArray(value) && value.every((v) => typeof v === 'string')) return value;
    const presence = PresenceNotice.safeParse(value);
    if (presence.success) return presence.data;
  } catch {
    // fall through: an unreadable payload is treated as "everyone", which only costs a query each
  }
  return 'all';
}
