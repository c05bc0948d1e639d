// Call detail records from a real meeting: a real livekit-server sends its signed webhooks to a
// real app server (child process) on SQLite and on PostgreSQL. Two people join through the app's
// own join endpoint, one shares a screen, both leave, the room closes; the CDR must tell it all.
import { LocalVideoTrack, TrackPublishOptions, TrackSource, VideoSource } from '@livekit/rtc-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CdrPage, CdrSessionDetail, JoinResult, Room, Session } from '../../common/api.js';
import type { Database } from '../../server/src/db/database.js';
import { openDatabase } from '../../server/src/db/database.js';
import { UserStore } from '../../server/src/users/store.js';
import { joinBot } from '../support/bot.js';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../support/databases.js';
import { startTestStack, type Stack } from '../support/stack.js';
import { StackApi } from '../support/stack-api.js';
import { eventually } from '../support/webhook-receiver.js';

const PASSWORD = 'a long enough password for tests';
const JWT_SECRET = 'cdr-livekit-test-jwt-secret-0123456789abcdef';

describe.each(DIALECTS)('CDR from a real LiveKit meeting, app server on %s', (dialect) => {
  let testDb: TestDatabase;
  let stack: Stack;
  let database: Database;

  beforeAll(async () => {
    testDb = await createTestDatabase(dialect);
    stack = await startTestStack({
      ...testDb.env,
      CONVENE_JWT_SECRET: JWT_SECRET,
      CONVENE_LOG_LEVEL: 'warn',
    });
    // The app server child has migrated by now; SQLite is shared through its data directory.
    database = dialect === 'sqlite' ? await openDatabase({ dataDir: stack.dataDir }) : await testDb.open();
    const users = new UserStore(database.db);
    for (const [username, isAdmin] of [
      ['hana', false],
      ['ivan', false],
      ['judy', false],
      ['root', true],
    ] as const) {
      await users.create({ username, displayName: username.toUpperCase(), password: PASSWORD, isAdmin });
    }
  });
  afterAll(async () => {
    await database?.close();
    await stack?.stop();
    await testDb?.drop();
  });

  const call = <T>(path: string, session: Session | null, init: RequestInit = {}): Promise<T> =>
    new StackApi(stack.appUrl).call<T>(path, session, init);
  const login = (username: string) =>
    call<Session>('/auth/login', null, {
      method: 'POST',
      body: JSON.stringify({ username, password: PASSWORD }),
    });

  it('records who joined, with role, address, user agent, screen share and durations', async () => {
    const [hana, ivan, judy, root] = await Promise.all(['hana', 'ivan', 'judy', 'root'].map(login));
    const room = await call<Room>('/rooms', hana!, {
      method: 'POST',
      body: JSON.stringify({ title: 'Weekly sync' }),
    });
    await call('/rooms/' + room.id + '/members', hana!, {
      method: 'POST',
      body: JSON.stringify({ username: 'ivan', role: 'participant' }),
    });
    const join = (session: Session, agent: string) =>
      call<JoinResult>(`/rooms/${room.id}/join`, session, {
        method: 'POST',
        headers: { 'user-agent': agent },
      });
    const hanaGrant = await join(hana!, 'ConveneDesktop/1.0 (hana)');
    const ivanGrant = await join(ivan!, 'ConveneDesktop/1.0 (ivan)');
    if (hanaGrant.status !== 'admitted' || ivanGrant.status !== 'admitted') throw new Error('not admitted');

    const hanaBot = await joinBot(stack.livekitUrl, hanaGrant.token);
    const ivanBot = await joinBot(stack.livekitUrl, ivanGrant.token);
    const screen = LocalVideoTrack.createVideoTrack('screen', new VideoSource(64, 64));
    await ivanBot.room.localParticipant!.publishTrack(
      screen,
      new TrackPublishOptions({ source: TrackSource.SOURCE_SCREENSHARE }),
    );
    await new Promise((r) => setTimeout(r, 500));
    await ivanBot.leave();
    await new Promise((r) => setTimeout(r, 300));
    await hanaBot.leave();

    // The test stack closes an empty room after a second or two: room_finished ends the session.
    const detail = await eventually(
      'the finished session',
      async () => {
        const page = await call<CdrPage>(`/cdr/sessions?room=${room.slug}`, hana!);
        const id = page.sessions[0]?.endedAt ? page.sessions[0].id : undefined;
        if (!id) return undefined;
        const d = await call<CdrSessionDetail>(`/cdr/sessions/${id}`, hana!);
        return d.legs.every((l) => l.leftAt) ? d : undefined;
      },
      15_000,
    );
    expect(detail).toMatchObject({ roomSlug: room.slug, roomTitle: 'Weekly sync', peakParticipants: 2 });
    expect(detail.durationSeconds).toBeGreaterThanOrEqual(0);
    const legs = Object.fromEntries(detail.legs.map((l) => [l.identity, l]));
    expect(Object.keys(legs).sort()).toEqual([hana!.user.id, ivan!.user.id].sort());
    expect(legs[hana!.user.id]).toMatchObject({
      name: 'HANA',
      role: 'host',
      address: '127.0.0.1',
      userAgent: 'ConveneDesktop/1.0 (hana)',
      tracks: [],
    });
    expect(legs[ivan!.user.id]).toMatchObject({
      role: 'participant',
      userAgent: 'ConveneDesktop/1.0 (ivan)',
      tracks: ['screen_share'],
    });
    // Ivan left first: his leg ends before Hana's, and both lie within the session.
    const end = (id: string) => Date.parse(legs[id]!.leftAt!);
    expect(end(ivan!.user.id)).toBeLessThan(end(hana!.user.id));
    expect(Date.parse(legs[hana!.user.id]!.joinedAt)).toBeGreaterThanOrEqual(Date.parse(detail.startedAt));
    expect(end(hana!.user.id)).toBeLessThanOrEqual(Date.parse(detail.endedAt!));

    // Judy was not there: she sees nothing. The admin sees it, and in the CSV.
    expect((await call<CdrPage>('/cdr/sessions', judy!)).sessions).toEqual([]);
    expect((await call<CdrPage>('/cdr/sessions', root!)).sessions.map((s) => s.id)).toContain(detail.id);
    const csv = await call<string>(`/cdr/sessions.csv?room=${room.id}`, root!);
    expect(csv.split('\r\n').filter((l) => l.startsWith(detail.id))).toHaveLength(2);

    // Every event LiveKit sent was stored once.
    const events = await database.db
      .selectFrom('livekit_events')
      .select('event')
      .where('room_name', '=', room.id)
      .execute();
    const counts = events.reduce<Record<string, number>>(
      (acc, e) => ({ ...acc, [e.event]: (acc[e.event] ?? 0) + 1 }),
      {},
    );
    expect(counts).toMatchObject({
      room_started: 1,
      participant_joined: 2,
      participant_left: 2,
      room_finished: 1,
    });
  }, 60_000);
});
