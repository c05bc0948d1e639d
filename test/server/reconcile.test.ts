// Call records that survive a LiveKit crash, on SQLite and PostgreSQL: livekit-server is killed
// with SIGKILL mid-meeting (no room_finished, no participant_left) and restarted on the same
// ports; people join again. The reconciler (every second here) closes the old session and its
// legs, marking those times inferred; the new meeting is recorded from events; records whose
// events were lost are re-opened from what LiveKit reports, marked inferred; and once everyone
// has left no session stays open. Each session begun, by LiveKit's own signed webhooks or by the
// reconciler, tells the room's owner "meeting started" once, in the same transaction.
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CdrSessionDetail, JoinResult, Room, Session } from '../../common/api.js';
import { openDatabase, type Database } from '../../server/src/db/database.js';
import { joinBot, type Bot } from '../support/bot.js';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../support/databases.js';
import { startTestStack, type Stack } from '../support/stack.js';
import { createUsers, StackApi } from '../support/stack-api.js';

type Admitted = Extract<JoinResult, { status: 'admitted' }>;

describe.each(DIALECTS)('reconciling call records with LiveKit on %s', (dialect) => {
  let testDb: TestDatabase;
  let stack: Stack;
  let database: Database;
  let api: StackApi;
  const bots: Bot[] = [];

  beforeAll(async () => {
    testDb = await createTestDatabase(dialect);
    stack = await startTestStack({
      ...testDb.env,
      CONVENE_JWT_SECRET: 'reconcile-test-jwt-secret-0123456789abcdef',
      CONVENE_RECONCILE_SECONDS: '1',
      CONVENE_LOG_LEVEL: 'warn',
    });
    database = dialect === 'sqlite' ? await openDatabase({ dataDir: stack.dataDir }) : await testDb.open();
    await createUsers(database, ['alice', 'bob']);
    await database.db.updateTable('users').set({ is_admin: 1 }).where('username', '=', 'alice').execute();
    api = new StackApi(stack.appUrl);
  });
  afterAll(async () => {
    await Promise.all(bots.map((b) => Promise.race([b.leave(), sleep(2000)])));
    await database?.close();
    await stack?.stop();
    await testDb?.drop();
  });

  const sessionsOf = (roomId: string) =>
    database.db
      .selectFrom('cdr_sessions')
      .selectAll()
      .where('room_name', '=', roomId)
      .orderBy('started_at')
      .execute();
  /** The meeting.started events stored for a room, one user id per event. */
  const startsOf = async (roomId: string) =>
    (
      await database.db
        .selectFrom('push_events')
        .select(['user_id', 'payload'])
        .where('type', '=', 'meeting.started')
        .execute()
    )
      .filter((e) => (JSON.parse(e.payload) as { roomId: string }).roomId === roomId)
      .map((e) => e.user_id);
  const legsOf = (sessionId: string) =>
    database.db
      .selectFrom('cdr_legs')
      .selectAll()
      .where('session_id', '=', sessionId)
      .orderBy('identity')
      .execute();

  async function meet(room: Room, people: Session[]): Promise<Bot[]> {
    const joined: Bot[] = [];
    for (const person of people) {
      const grant = await api.post<Admitted>(`/rooms/${room.id}/join`, person);
      const bot = await joinBot(stack.livekitUrl, grant.token);
      bots.push(bot);
      joined.push(bot);
    }
    return joined;
  }

  it('closes what LiveKit lost, re-opens what the records lost, and leaves nothing open', async () => {
    const [alice, bob] = [await api.login('alice'), await api.login('bob')];
    const room = await api.post<Room>('/rooms', alice, { title: 'Crash course' });
    const before = await meet(room, [alice, bob]);
    await expect
      .poll(async () => {
        const [s] = await sessionsOf(room.id);
        return s ? (await legsOf(s.id)).filter((l) => l.left_at === null).length : 0;
      })
      .toBe(2);
    const [crashed] = await sessionsOf(room.id);
    expect(await startsOf(room.id)).toEqual([alice.user.id]); // bob joined, but is no member

    // The crash: no room_finished, no participant_left ever comes for this session.
    stack.livekit.child.process.kill('SIGKILL');
    await Promise.all(before.map((b) => Promise.race([b.leave(), sleep(2000)])));
    await stack.livekit.restart();
    const after = await meet(room, [alice, bob]);

    await expect
      .poll(async () => (await sessionsOf(room.id)).map((s) => s.ended_at !== null), { timeout: 15_000 })
      .toEqual([true, false]);
    const [old, current] = await sessionsOf(room.id);
    expect(old!.id).toBe(crashed!.id);
    expect(await startsOf(room.id)).toEqual([alice.user.id, alice.user.id]); // a new meeting after the crash
    expect(old).toMatchObject({ ended_inferred: 1, started_inferred: 0 });
    const oldLegs = await legsOf(old!.id);
    expect(oldLegs.map((l) => [l.left_at !== null, l.left_inferred, l.joined_inferred])).toEqual([
      [true, 1, 0],
      [true, 1, 0],
    ]);
    // The API says which times were inferred.
    const detail = await api.call<CdrSessionDetail>(`/cdr/sessions/${old!.id}`, alice);
    expect(detail.inferred).toEqual(['endedAt']);
    expect(detail.legs.map((l) => l.inferred)).toEqual([['leftAt'], ['leftAt']]);
    await expect.poll(async () => (await legsOf(current!.id)).length).toBe(2);
    expect((await legsOf(current!.id)).every((l) => l.joined_inferred === 0)).toBe(true);

    // Events lost for the current meeting (as if both app servers had been down): the records
    // of it are gone, and the reconciler rebuilds them from LiveKit's rooms and participants.
    await database.db.deleteFrom('cdr_legs').where('session_id', '=', current!.id).execute();
    await database.db.deleteFrom('cdr_sessions').where('id', '=', current!.id).execute();
    await expect
      .poll(
        async () => {
          const open = (await sessionsOf(room.id)).find((s) => s.ended_at === null);
          return open
            ? { started: open.started_inferred, legs: (await legsOf(open.id)).map((l) => l.joined_inferred) }
            : null;
        },
        { timeout: 15_000 },
      )
      .toEqual({ started: 1, legs: [1, 1] });
    const rebuilt = (await sessionsOf(room.id)).find((s) => s.ended_at === null)!;
    // The reconciler began the rebuilt session, so it told of it too (its webhooks were "lost").
    expect(await startsOf(room.id)).toHaveLength(3);
    expect(rebuilt.room_sid).toBe(current!.room_sid);
    expect((await legsOf(rebuilt.id)).map((l) => l.role).sort()).toEqual(['host', 'participant']);

    // Everyone leaves: room_finished closes the meeting; nothing stays open.
    await Promise.all(after.map((b) => b.leave()));
    await expect
      .poll(
        async () =>
          (await database.db.selectFrom('cdr_sessions').select('id').where('ended_at', 'is', null).execute())
            .length,
        { timeout: 20_000 },
      )
      .toBe(0);
    const openLegs = await database.db
      .selectFrom('cdr_legs')
      .select('id')
      .where('left_at', 'is', null)
      .execute();
    expect(openLegs).toEqual([]);
  }, 120_000);
});
