// No event lost while an app server is down: two app servers on one PostgreSQL, LiveKit
// configured with both webhook URLs (the stack launcher's appServers: 2). One app server is
// SIGKILLed for 60 s while people join and leave, getting their tokens from the other; then it
// comes back. Every join and every leave is in the records, each exactly once, from events (the
// reconciler is off here, so nothing is inferred).
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JoinResult, Room, Session } from '../../common/api.js';
import { startStack } from '../../scripts/stack/stack.js';
import type { Database } from '../../server/src/db/database.js';
import { joinBot, type Bot } from '../support/bot.js';
import { createTestDatabase, type TestDatabase } from '../support/databases.js';
import type { Stack } from '../support/stack.js';
import { createUsers, StackApi } from '../support/stack-api.js';

type Admitted = Extract<JoinResult, { status: 'admitted' }>;

const OUTAGE_MS = 60_000;
const PEOPLE = ['bob', 'carol', 'dave', 'erin', 'frank', 'grace'];

describe('two app servers on one PostgreSQL, LiveKit posting to both', () => {
  let testDb: TestDatabase;
  let stack: Stack;
  let database: Database;
  const bots: Bot[] = [];

  beforeAll(async () => {
    testDb = await createTestDatabase('postgres');
    stack = await startStack({
      mode: 'test',
      appServers: 2,
      appEnv: {
        ...testDb.env,
        CONVENE_JWT_SECRET: 'two-app-servers-jwt-secret-0123456789abcdef',
        CONVENE_RECONCILE_SECONDS: '0',
        CONVENE_LOG_LEVEL: 'warn',
      },
      onLine: process.env.CONVENE_STACK_LOGS ? (src, line) => console.log(`[${src}] ${line}`) : undefined,
    });
    database = await testDb.open();
    await createUsers(database, ['alice', ...PEOPLE]);
  }, 180_000);
  afterAll(async () => {
    await Promise.all(bots.map((b) => b.leave()));
    await database?.close();
    await stack?.stop();
    await testDb?.drop();
  });

  /** The connection's LiveKit sid; a connected bot always has one. */
  const botSid = (bot: { room: { localParticipant?: { sid?: string } } }): string => {
    const sid = bot.room.localParticipant?.sid;
    if (!sid) throw new Error('the bot has no participant sid: it is not connected');
    return sid;
  };

  it('records every join and leave once while one of them is down for 60 s', async () => {
    const [first, second] = stack.apps.map((a) => new StackApi(a.url)) as [StackApi, StackApi];
    const alice = await first.login('alice');
    const room = await first.post<Room>('/rooms', alice, { title: 'Always on' });
    const connect = async (api: StackApi, session: Session) => {
      const grant = await api.post<Admitted>(`/rooms/${room.id}/join`, session);
      const bot = await joinBot(stack.livekitUrl, grant.token);
      bots.push(bot);
      return bot;
    };
    const connections: string[] = [];
    const host = await connect(first, alice);
    connections.push(botSid(host));
    const sessions = new Map<string, Session>();
    for (const person of PEOPLE) sessions.set(person, await second.login(person));

    // Bob is in before the outage and leaves during it.
    const bob = await connect(second, sessions.get('bob')!);
    connections.push(botSid(bob));

    stack.apps[0]!.child.process.kill('SIGKILL');
    const outageEnds = Date.now() + OUTAGE_MS;
    await sleep(2000);
    await bob.leave();
    // The others come and go during the outage, one every ~9 s, tokens from the second server.
    for (const person of PEOPLE.slice(1)) {
      const bot = await connect(second, sessions.get(person)!);
      connections.push(botSid(bot));
      await sleep(4000);
      await bot.leave();
      await sleep(5000);
    }
    expect((await fetch(`${stack.apps[0]!.url}/health/live`).catch(() => null))?.ok ?? false).toBe(false);
    await sleep(Math.max(0, outageEnds - Date.now()));
    await stack.apps[0]!.restart();

    // One more after it is back, then the host leaves and the room closes.
    const late = await connect(first, sessions.get('grace')!);
    connections.push(botSid(late));
    await sleep(1500);
    await late.leave();
    await host.leave();

    await expect
      .poll(
        async () => {
          const session = await database.db
            .selectFrom('cdr_sessions')
            .selectAll()
            .where('room_name', '=', room.id)
            .executeTakeFirst();
          return session?.ended_at ?? null;
        },
        { timeout: 30_000 },
      )
      .not.toBeNull();

    const events = await database.db
      .selectFrom('livekit_events')
      .select(['id', 'event', 'payload'])
      .where('room_name', '=', room.id)
      .where('event', 'in', ['participant_joined', 'participant_left'])
      .execute();
    const sidOf = (payload: string) =>
      (JSON.parse(payload) as { participant: { sid: string } }).participant.sid;
    const joins = events.filter((e) => e.event === 'participant_joined').map((e) => sidOf(e.payload));
    const leaves = events.filter((e) => e.event === 'participant_left').map((e) => sidOf(e.payload));
    expect(joins.sort()).toEqual([...connections].sort());
    expect(leaves.sort()).toEqual([...connections].sort());

    const legs = await database.db
      .selectFrom('cdr_legs as l')
      .innerJoin('cdr_sessions as s', 's.id', 'l.session_id')
      .select(['l.participant_sid', 'l.joined_at', 'l.left_at', 'l.joined_inferred', 'l.left_inferred'])
      .where('s.room_name', '=', room.id)
      .execute();
    expect(legs.map((l) => l.participant_sid).sort()).toEqual([...connections].sort());
    for (const leg of legs) {
      expect(leg.left_at, leg.participant_sid).not.toBeNull();
      expect(leg.left_at!).toBeGreaterThanOrEqual(leg.joined_at);
      expect([leg.joined_inferred, leg.left_inferred]).toEqual([0, 0]);
    }
  }, 240_000);
});
