// The app factory. Tests call build(config) and drive the result with inject() or real HTTP;
// main.ts calls it and listens. One plugin per concern.
import Fastify, { type FastifyInstance } from 'fastify';
import { RoomServiceClient } from 'livekit-server-sdk';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { registerApiDocs } from './api/docs.js';
import { assertEveryRouteServed } from './api/serve.js';
import { authPlugin } from './auth/plugin.js';
import { adminSessionRoutes } from './auth/admin-session-routes.js';
import { RevocationCheck } from './auth/revocation.js';
import { authRoutes } from './auth/routes.js';
import { resolveJwtSecret } from './auth/secret.js';
import { SessionService } from './auth/sessions.js';
import type { SignInLimitOptions } from './auth/sign-in-limiter.js';
import type { Config } from './config.js';
import { openDatabase, type Database } from './db/database.js';
import { errorHandler, frameworkErrorHandler, notFoundHandler } from './http-errors.js';
import { healthRoutes } from './health/routes.js';
import { Enforcer } from './enforcement/enforcer.js';
import { EntryPolicy } from './enforcement/entry-policy.js';
import { EnforcementStore } from './enforcement/store.js';
import { JoinService } from './join/join-service.js';
import { LiveKitRooms } from './livekit/rooms.js';
import { joinRoutes } from './join/routes.js';
import { cdrRoutes } from './cdr/routes.js';
import { loggerOptions } from './logger.js';
import { moderationRoutes } from './moderation/routes.js';
import { clearOthersMarks } from './recording/forbid.js';
import { recordingMarkRoutes } from './recording/routes.js';
import { Reconciler } from './reconcile/reconciler.js';
import { inviteRoutes } from './rooms/invite-routes.js';
import { InviteSigner } from './rooms/invites.js';
import { memberRoutes } from './rooms/members-routes.js';
import { roomHostPlugin } from './rooms/host-plugin.js';
import { roomRoutes } from './rooms/routes.js';
import { liveSettingsOf } from './rooms/serialize.js';
import { RoomStore } from './rooms/store.js';
import { seedDemoUsers } from './users/demo-seed.js';
import { UserStore } from './users/store.js';
import { WaitingNotifier } from './waiting/notifier.js';
import { waitingRoutes } from './waiting/routes.js';
import { WaitingStore } from './waiting/store.js';
import { callsPlugin } from './calls/plugin.js';
import { peopleRoutes } from './people/routes.js';
import { PresenceEvents } from './people/presence-events.js';
import { PeopleStore } from './people/store.js';
import { pushPlugin } from './push/plugin.js';
import { webClientPlugin } from './web-client/plugin.js';
import { livekitWebhookRoutes } from './webhooks-in/routes.js';
import { WebhookDispatcher, type DispatcherOptions } from './webhooks-out/dispatcher.js';
import { webhooksOutPlugin } from './webhooks-out/plugin.js';

declare module 'fastify' {
  interface FastifyInstance {
    /** The app server's database (Kysely over SQLite or PostgreSQL), closed with the app. */
    database: Database;
  }
}

export interface BuildOptions {
  /** Overrides the configured log level (tests pass 'silent'). */
  logLevel?: string;
  /** Sign-in limits (default 10 failures a minute); see SignInLimiter. */
  loginLimit?: SignInLimitOptions;
  /** How long GET /waiting/:ticket holds an undecided request (default 25 s). */
  waitingHoldMs?: number;
  /** Outgoing webhook dispatcher tuning (tests shorten the retry delays). */
  webhooks?: DispatcherOptions;
  /** Push channel tuning (tests shorten the ping interval and the time to authenticate). */
  push?: { pingMs?: number; authTimeoutMs?: number };
}

export async function build(config: Config, options: BuildOptions = {}): Promise<FastifyInstance> {
  const app = Fastify({
    logger: loggerOptions(options.logLevel ?? config.logLevel),
    bodyLimit: 256 * 1024,
    frameworkErrors: frameworkErrorHandler,
    // Longer than any id the route table accepts, so a too-long one gets the table's 400; longer
    // still, the router's own error (frameworkErrorHandler) answers 414 in the same shape.
    routerOptions: { maxParamLength: 500 },
    // Fastify accepts a hop count at run time (proxy-addr), though its types leave numbers out.
    ...(config.trustProxy !== undefined ? { trustProxy: config.trustProxy as boolean | string[] } : {}),
  });
  // The route table's zod schemas validate requests and serialize answers (api/serve.ts).
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(errorHandler);
  app.setNotFoundHandler(notFoundHandler);
  // First, so that it sees every route registered after it.
  await registerApiDocs(app, '0.1.0');

  const database = await openDatabase({
    dataDir: config.dataDir,
    ...(config.databaseUrl ? { databaseUrl: config.databaseUrl } : {}),
  });
  app.decorate('database', database);
  app.addHook('onClose', () => database.close());

  await app.register(healthRoutes, { config });

  // Users, sessions, rooms, joins, waiting room, moderation.
  const { db } = database;
  const jwtSecret = await resolveJwtSecret(db, config.jwtSecret);
  const users = new UserStore(db);
  if (config.seedDemo) await seedDemoUsers(users);
  const rooms = new RoomStore(db);
  const livekit = new LiveKitRooms(config.livekit.apiUrl, config.livekit.apiKey, config.livekit.apiSecret);
  const waiting = new WaitingStore(db);
  const enforcement = new EnforcementStore(db);
  const entry = new EntryPolicy(enforcement);
  const joins = new JoinService(db, config.livekit, livekit, waiting, entry, (roomId, requestId, name) =>
    app.push.rooms.knock(roomId, requestId, name),
  );
  const invites = new InviteSigner(jwtSecret);
  const revocations = new RevocationCheck(db);
  await app.register(authPlugin, { jwtSecret, revocations });
  await app.register(roomHostPlugin, { rooms });
  await app.register(adminSessionRoutes, { users });
  // The push channel, before everything that publishes through app.push.
  await app.register(pushPlugin, {
    database,
    jwtSecret,
    revocations,
    ...(config.databaseUrl ? { databaseUrl: config.databaseUrl } : {}),
    lease: config.pushLease,
    ...options.push,
  });
  await app.register(authRoutes, {
    users,
    sessions: new SessionService(db, jwtSecret),
    ...(options.loginLimit ? { loginLimit: options.loginLimit } : {}),
  });
  await app.register(roomRoutes, {
    rooms,
    endMeeting: (id) => livekit.endRoom(id),
    recordingForbidden: async (room) => {
      await clearOthersMarks(rooms, livekit, room, app.log.child({ module: 'recording' }));
    },
    settingsChanged: (room) => livekit.setRoomMetadataIfLive(room.id, liveSettingsOf(room)),
  });
  await app.register(memberRoutes, { rooms, users });
  await app.register(inviteRoutes, { invites, publicUrl: config.publicUrl });
  await app.register(joinRoutes, { rooms, joins, invites });
  await app.register(waitingRoutes, {
    rooms,
    waiting,
    joins,
    notifier: new WaitingNotifier(),
    ...(options.waitingHoldMs !== undefined ? { holdMs: options.waitingHoldMs } : {}),
  });
  await app.register(moderationRoutes, { rooms, livekit, enforcement });

  // Events: LiveKit webhooks in, call detail records, signed webhooks out.
  const dispatcher = new WebhookDispatcher(db, app.log, options.webhooks);
  const enforcer = new Enforcer(rooms, enforcement, entry, livekit, app.log.child({ module: 'enforcement' }));
  await app.register(livekitWebhookRoutes, {
    config,
    database,
    onQueued: () => dispatcher.notify(),
    onEvent: (facts) => enforcer.onEvent(facts),
    push: app.push.rooms,
  });
  await app.register(cdrRoutes, { database });
  if (config.reconcileSeconds > 0) {
    const lister = new RoomServiceClient(
      config.livekit.apiUrl,
      config.livekit.apiKey,
      config.livekit.apiSecret,
    );
    const log = app.log.child({ module: 'reconcile' });
    const reconciler = new Reconciler(db, lister, log, config.reconcileSeconds * 1000, app.push.rooms);
    app.addHook('onReady', async () => reconciler.start());
    app.addHook('onClose', async () => reconciler.stop());
  }
  await app.register(webhooksOutPlugin, { database, dispatcher });
  await app.register(recordingMarkRoutes, { rooms, livekit, database, onQueued: () => dispatcher.notify() });
  // People, presence and calls between colleagues.
  const people = new PeopleStore(db, () => app.push.registry.liveSince());
  const presenceEvents = new PresenceEvents(people, app.push.hub, app.push.registry, app.log);
  await app.register(peopleRoutes, { people, events: presenceEvents });
  await app.register(callsPlugin, {
    database,
    people,
    ringTimeoutMs: config.callRingTimeoutMs,
    onWebhookQueued: () => dispatcher.notify(),
  });
  // The browser client, for guests and machines without the desktop app.
  await app.register(webClientPlugin, { livekitUrl: config.livekit.url });
  app.addHook('onReady', async () => assertEveryRouteServed(app));
  return app;
}
