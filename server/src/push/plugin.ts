// The push channel as one plugin: GET /push (WebSocket), the hub other areas publish through
// (`app.push`), the fanout between instances (PostgreSQL LISTEN/NOTIFY, or in-process on
// SQLite), the registry of live connections, and pruning of old events.
import type { RevocationCheck } from '../auth/revocation.js';
import websocket from '@fastify/websocket';
import type { FastifyPluginAsync } from 'fastify';
import type { WebSocket } from 'ws';
import { PUSH_PATH, PushClose } from '../../../common/push.js';
import { verifyJwt } from '../auth/jwt.js';
import type { Database } from '../db/database.js';
import { ConnectionRegistry } from './connection-registry.js';
import { DEFAULT_LEASE_TIMES, type LeaseTimes } from './instance-lease.js';
import { PushConnection } from './connection.js';
import { pruneEvents } from './event-log.js';
import { LocalFanout, PostgresFanout } from './fanout.js';
import { PushHub } from './hub.js';
import { RoomEvents } from './room-events.js';

declare module 'fastify' {
  interface FastifyInstance {
    /** Publish to users' clients: `app.push.hub.publish(userIds, event)`, or to a room's
     *  people: `app.push.rooms.recordingChanged(roomId, true, name)`. */
    push: { hub: PushHub; registry: ConnectionRegistry; rooms: RoomEvents };
  }
}

export interface PushOptions {
  database: Database;
  databaseUrl?: string;
  jwtSecret: string;
  /** Refuses the tokens of ended sessions, as the HTTP routes do. */
  revocations?: RevocationCheck;
  /** Tests shorten these. */
  pingMs?: number;
  authTimeoutMs?: number;
  /** Events older than this are pruned (default one day). */
  retentionMs?: number;
  /** How often this instance renews its lease, and when a silent one counts as dead. */
  lease?: LeaseTimes;
}

const PRUNE_EVERY_MS = 10 * 60 * 1000;

const pushPluginImpl: FastifyPluginAsync<PushOptions> = async (app, options) => {
  const { db } = options.database;
  const fanout =
    options.database.dialect === 'postgres' && options.databaseUrl
      ? new PostgresFanout(options.databaseUrl, app.log)
      : new LocalFanout();
  const hub = new PushHub(db, fanout, app.log);
  const registry = new ConnectionRegistry(db, app.log, {
    times: options.lease ?? DEFAULT_LEASE_TIMES,
    dialect: options.database.dialect,
    sole: options.database.dialect === 'sqlite',
  });
  app.decorate('push', { hub, registry, rooms: new RoomEvents(db, hub, app.log) });
  const sockets = new Set<WebSocket>();
  // Taken for dead, this instance's connections were dropped: its clients reconnect and register
  // again under the new lease (resuming from their last event, so nothing is lost).
  registry.onLeaseLost(() => {
    for (const socket of sockets) socket.close(PushClose.GOING_AWAY, 'reconnect');
  });

  await app.register(websocket, { options: { maxPayload: 16 * 1024 } });
  app.register(async (scope) => {
    scope.get(PUSH_PATH, { websocket: true }, (socket) => {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
      new PushConnection(socket, {
        db,
        hub,
        registry,
        verify: async (token) => {
          const claims = await verifyJwt(token, options.jwtSecret);
          if (!claims) return null;
          const ended =
            claims.fam !== undefined && !((await options.revocations?.isLive(claims.fam)) ?? true);
          return ended ? null : claims;
        },
        log: app.log,
        authTimeoutMs: options.authTimeoutMs ?? 10_000,
        pingMs: options.pingMs ?? 25_000,
      });
    });
  });

  const retention = options.retentionMs ?? 24 * 60 * 60 * 1000;
  let pruner: NodeJS.Timeout | null = null;
  app.addHook('onReady', async () => {
    await fanout.start();
    await registry.start();
    pruner = setInterval(() => {
      pruneEvents(db, Date.now() - retention).catch((err: unknown) =>
        app.log.warn({ err }, 'push: prune failed'),
      );
    }, PRUNE_EVERY_MS);
    pruner.unref();
  });
  // Before the database closes (hooks run in reverse order of registration).
  app.addHook('onClose', async () => {
    if (pruner) clearInterval(pruner);
    // First, so the sockets closing next leave their rows to the sweep (ConnectionRegistry.stop).
    await registry.stop();
    for (const socket of sockets) socket.close(PushClose.GOING_AWAY, 'server shutting down');
    await fanout.stop();
  });
};

// Like fastify-plugin: `app.push` belongs to the whole app, so later plugins can publish.
(pushPluginImpl as unknown as Record<symbol, boolean>)[Symbol.for('skip-override')] = true;

export const pushPlugin = pushPluginImpl;
