// One client's push connection: authenticate with the first message, replay the user's log after
// the id the client last saw (saying in `ready` where that catch-up ends), then send each new
// event once, in order. The access token is renewed over the same socket; when it expires
// unrenewed the socket closes with PushClose.AUTH.
import { randomUUID } from 'node:crypto';
import type { FastifyBaseLogger } from 'fastify';
import type { Kysely } from 'kysely';
import type { WebSocket } from 'ws';
import { PushClientMessage, PushClose, type PresenceChange } from '../../../common/push.js';
import type { AccessClaims } from '../auth/jwt.js';
import type { Tables } from '../db/schema.js';
import type { ConnectionRegistry } from './connection-registry.js';
import { eventsAfter, lastSeq, newestSeqAfter } from './event-log.js';
import type { PushHub, PushSubscriber } from './hub.js';

export interface ConnectionDeps {
  db: Kysely<Tables>;
  hub: PushHub;
  registry: ConnectionRegistry;
  /** The token's claims, or null when it is invalid, expired or its session has ended. */
  verify: (token: string) => Promise<AccessClaims | null>;
  log: FastifyBaseLogger;
  /** How long a new socket may stay silent before authenticating. */
  authTimeoutMs: number;
  /** How often to ping; a socket that did not answer the previous ping is dropped. */
  pingMs: number;
}

const PAGE = 200;

export class PushConnection implements PushSubscriber {
  readonly id = randomUUID();
  userId = '';
  /** Asked for colleagues' presence changes when authenticating. */
  private watchesPresence = false;
  private lastSent = -1;
  private pumping = false;
  private again = false;
  private alive = true;
  private disposed = false;
  private readonly cleanups: Array<() => void> = [];

  constructor(
    private readonly socket: WebSocket,
    private readonly deps: ConnectionDeps,
  ) {
    const authTimer = setTimeout(() => this.close(PushClose.AUTH, 'authenticate first'), deps.authTimeoutMs);
    this.cleanups.push(() => clearTimeout(authTimer));
    socket.on('message', (data) => void this.onMessage(String(data)).catch((err: unknown) => this.fail(err)));
    socket.on('pong', () => (this.alive = true));
    socket.on('close', () => this.dispose());
    const ping = setInterval(() => {
      if (!this.alive) return socket.terminate();
      this.alive = false;
      socket.ping();
    }, deps.pingMs);
    this.cleanups.push(() => clearInterval(ping));
  }

  wake(): void {
    void this.pump();
  }

  presence(change: PresenceChange): void {
    if (this.watchesPresence && this.lastSent >= 0) this.send({ kind: 'presence', ...change });
  }

  private async onMessage(text: string): Promise<void> {
    let parsed;
    try {
      parsed = PushClientMessage.safeParse(JSON.parse(text));
    } catch {
      parsed = null;
    }
    if (!parsed?.success) return this.close(PushClose.PROTOCOL, 'unknown message');
    const message = parsed.data;
    const claims = await this.deps.verify(message.token);
    if (!claims) return this.close(PushClose.AUTH, 'invalid or expired token');
    if (message.kind === 'auth') {
      if (this.userId) return this.close(PushClose.PROTOCOL, 'already authenticated');
      this.userId = claims.sub;
      this.watchesPresence = message.presence === true;
      this.cleanups.shift()?.(); // the auth timeout
      this.expireAt(claims.exp);
      // Subscribe before reading the position, so nothing committed in between is missed.
      this.cleanups.push(this.deps.hub.subscribe(this));
      this.lastSent = message.after ?? (await lastSeq(this.deps.db, this.userId));
      const through =
        message.after === undefined
          ? undefined
          : await newestSeqAfter(this.deps.db, this.userId, message.after);
      await this.deps.registry.add(this.id, this.userId);
      const unregister = () => void this.deps.registry.remove(this.id).catch(() => undefined);
      // Closed while registering: its cleanups have run already, and the row would count forever.
      if (this.disposed) return unregister();
      this.cleanups.push(unregister);
      this.send({
        kind: 'ready',
        lastId: this.lastSent,
        ...(through === undefined ? {} : { through }),
        tokenExpiresAt: iso(claims.exp),
      });
      await this.pump();
    } else {
      if (claims.sub !== this.userId) return this.close(PushClose.AUTH, 'token of another user');
      this.expireAt(claims.exp);
      this.send({ kind: 'renewed', tokenExpiresAt: iso(claims.exp) });
    }
  }

  private expiryTimer: NodeJS.Timeout | null = null;
  private expireAt(expSeconds: number): void {
    if (this.expiryTimer) clearTimeout(this.expiryTimer);
    const ms = Math.max(0, expSeconds * 1000 - Date.now());
    this.expiryTimer = setTimeout(
      () => this.close(PushClose.AUTH, 'token expired'),
      Math.min(ms, 2 ** 31 - 1),
    );
  }

  /** Sends everything after lastSent; concurrent wakes fold into one more pass. */
  private async pump(): Promise<void> {
    if (this.lastSent < 0) return; // not ready yet; the auth step pumps once it is
    if (this.pumping) {
      this.again = true;
      return;
    }
    this.pumping = true;
    try {
      do {
        this.again = false;
        const events = await eventsAfter(this.deps.db, this.userId, this.lastSent, PAGE);
        for (const e of events) {
          if (this.socket.readyState !== this.socket.OPEN) return;
          this.socket.send(
            `{"kind":"event","id":${e.seq},"at":"${iso(e.createdAt / 1000)}","event":${e.payload}}`,
          );
          this.lastSent = e.seq;
        }
        if (events.length === PAGE) this.again = true;
      } while (this.again);
    } catch (err) {
      this.fail(err);
    } finally {
      this.pumping = false;
    }
  }

  private send(message: object): void {
    if (this.socket.readyState === this.socket.OPEN) this.socket.send(JSON.stringify(message));
  }

  private close(code: number, reason: string): void {
    this.socket.close(code, reason);
  }

  private fail(err: unknown): void {
    this.deps.log.warn({ err }, 'push: connection failed');
    this.close(1011, 'server error');
  }

  private dispose(): void {
    this.disposed = true;
    if (this.expiryTimer) clearTimeout(this.expiryTimer);
    for (const cleanup of this.cleanups.splice(0)) cleanup();
  }
}

const iso = (seconds: number) => new Date(seconds * 1000).toISOString();
