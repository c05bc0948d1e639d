// Call detail records on both databases, fed with signed LiveKit-format webhooks: the same
// records whatever order and however often events arrive; who may see what; CSV export.
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CdrPage, CdrSessionDetail } from '../../common/api.js';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../support/databases.js';
import { bearer, buildEventsApp, postLivekitEvents } from '../support/events-app.js';
import { TrackSource, type SimpleEvent } from '../support/livekit-webhooks.js';

const T0 = Date.UTC(2026, 0, 5, 9, 0, 0);
const s = (ms: number) => Math.floor(ms / 1000);

/** A meeting: alice (host) 0-60 s, bob 10-40 s sharing his screen, carol 50-70 s; ends at 80 s. */
function meeting(roomSid: string, roomName: string): SimpleEvent[] {
  const room = { sid: roomSid, name: roomName, creationTimeMs: T0 };
  const alice = {
    sid: `${roomSid}_PA_a`,
    identity: 'alice',
    name: 'Alice',
    metadata: '{"role":"host"}',
    joinedAtMs: T0,
  };
  const bob = { sid: `${roomSid}_PA_b`, identity: 'bob', name: 'Bob', joinedAtMs: T0 + 10_000 };
  const carol = {
    sid: `${roomSid}_PA_c`,
    identity: 'carol',
    name: '=HYPERLINK("x")',
    joinedAtMs: T0 + 50_000,
  };
  return [
    { event: 'room_started', createdAtSeconds: s(T0), room },
    { event: 'participant_joined', createdAtSeconds: s(T0), room, participant: alice },
    { event: 'participant_joined', createdAtSeconds: s(T0 + 10_000), room, participant: bob },
    {
      event: 'track_published',
      createdAtSeconds: s(T0 + 12_000),
      room,
      participant: bob,
      track: { sid: 'TR_screen', source: TrackSource.SCREEN_SHARE },
    },
    {
      event: 'track_published',
      createdAtSeconds: s(T0 + 13_000),
      room,
      participant: bob,
      track: { sid: 'TR_mic', source: TrackSource.MICROPHONE },
    },
    { event: 'participant_left', createdAtSeconds: s(T0 + 40_000), room, participant: bob },
    { event: 'participant_joined', createdAtSeconds: s(T0 + 50_000), room, participant: carol },
    { event: 'participant_left', createdAtSeconds: s(T0 + 60_000), room, participant: alice },
    { event: 'participant_left', createdAtSeconds: s(T0 + 70_000), room, participant: carol },
    { event: 'room_finished', createdAtSeconds: s(T0 + 80_000), room },
  ].map((e, i) => ({ ...e, id: `EV_${roomSid}_${i}` }) as SimpleEvent);
}

const admin = await bearer({ id: 'admin-1', isAdmin: true });

describe.each(DIALECTS)('call detail records on %s', (dialect) => {
  let testDb: TestDatabase;
  let app: FastifyInstance;

  const deliver = async (events: SimpleEvent[]) => {
    expect(await postLivekitEvents(app, events)).toEqual(events.map(() => 200));
  };
  const detailOf = async (roomSid: string): Promise<CdrSessionDetail> => {
    const page = (await app.inject({ url: '/cdr/sessions?limit=200', headers: admin })).json() as CdrPage;
    const session = page.sessions.find((x) => x.roomSid === roomSid);
    expect(session, `session for ${roomSid}`).toBeDefined();
    return (await app.inject({ url: `/cdr/sessions/${session?.id}`, headers: admin })).json();
  };

  beforeAll(async () => {
    testDb = await createTestDatabase(dialect);
    app = await buildEventsApp(testDb);
    // Bob's token had no role in its metadata: the app's record of the token fills the leg in.
    // A token issued after the join must not be taken for the one used.
    for (const room of ['room-ordered', 'room-reversed', 'room-together']) {
      const token = { room_id: room, identity: 'bob', display_name: 'Bob', role: 'viewer' as const };
      await app.database.db
        .insertInto('join_tokens_issued')
        .values([
          { ...token, id: `${room}-1`, address: '10.0.0.1', user_agent: 'Old/1', issued_at: T0 - 60_000 },
          { ...token, id: `${room}-2`, address: '10.0.0.2', user_agent: 'Used/2', issued_at: T0 + 5_000 },
          { ...token, id: `${room}-3`, address: '10.0.0.3', user_agent: 'Later/3', issued_at: T0 + 30_000 },
        ])
        .execute();
    }
    await deliver(meeting('RM_ordered', 'room-ordered'));
    // Same meeting in reverse order, then every event a second time.
    await deliver(meeting('RM_reversed', 'room-reversed').reverse());
    await deliver(meeting('RM_reversed', 'room-reversed'));
    // All at once, twice: events share group-commit batches, duplicates included.
    const together = [...meeting('RM_together', 'room-together'), ...meeting('RM_together', 'room-together')];
    const statuses = await Promise.all(together.map((e) => postLivekitEvents(app, [e])));
    expect(statuses.flat()).toEqual(together.map(() => 200));
  });
  afterAll(async () => {
    await app?.close();
    await testDb?.drop();
  });

  it('records sessions and legs with durations, roles, tracks and peak concurrency', async () => {
    const detail = await detailOf('RM_ordered');
    expect(detail).toMatchObject({
      roomSlug: 'room-ordered',
      roomTitle: null,
      startedAt: new Date(T0).toISOString(),
      endedAt: new Date(T0 + 80_000).toISOString(),
      durationSeconds: 80,
      peakParticipants: 2,
    });
    const legs = Object.fromEntries(detail.legs.map((l) => [l.identity, l]));
    expect(legs.alice).toMatchObject({ role: 'host', durationSeconds: 60, tracks: [] });
    expect(legs.alice).toMatchObject({ address: null, userAgent: null });
    expect(legs.bob).toMatchObject({
      role: 'viewer',
      address: '10.0.0.2',
      userAgent: 'Used/2',
      durationSeconds: 30,
      tracks: ['microphone', 'screen_share'],
    });
    expect(legs.carol).toMatchObject({ durationSeconds: 20, leftAt: new Date(T0 + 70_000).toISOString() });
  });

  it('gives the same records when events arrive reversed, twice, or all at once', async () => {
    const ordered = await detailOf('RM_ordered');
    const strip = (d: CdrSessionDetail) => ({ ...d, id: '', roomSid: '', roomSlug: '' });
    expect(strip(await detailOf('RM_reversed'))).toEqual(strip(ordered));
    expect(strip(await detailOf('RM_together'))).toEqual(strip(ordered));
  });

  it('shows a user only the sessions they were in, and an admin all', async () => {
    await deliver([
      {
        event: 'participant_joined',
        id: 'EV_private_1',
        createdAtSeconds: s(T0 + 3600_000),
        room: { sid: 'RM_private', name: 'room-private', creationTimeMs: T0 + 3600_000 },
        participant: { sid: 'PA_p', identity: 'dave', joinedAtMs: T0 + 3600_000 },
      },
    ]);
    const roomsSeenBy = async (headers: { authorization: string }) =>
      ((await app.inject({ url: '/cdr/sessions', headers })).json() as CdrPage).sessions
        .map((x) => x.roomSid)
        .sort();
    expect(await roomsSeenBy(await bearer({ id: 'bob' }))).toEqual([
      'RM_ordered',
      'RM_reversed',
      'RM_together',
    ]);
    expect(await roomsSeenBy(await bearer({ id: 'dave' }))).toEqual(['RM_private']);
    expect(await roomsSeenBy(await bearer({ id: 'nobody' }))).toEqual([]);
    expect(await roomsSeenBy(admin)).toEqual(['RM_ordered', 'RM_private', 'RM_reversed', 'RM_together']);

    const privateId = (
      (await app.inject({ url: '/cdr/sessions?room=room-private', headers: admin })).json() as CdrPage
    ).sessions[0]?.id;
    const asBob = await app.inject({
      url: `/cdr/sessions/${privateId}`,
      headers: await bearer({ id: 'bob' }),
    });
    expect(asBob.statusCode).toBe(404);
    const csvAsBob = await app.inject({ url: '/cdr/sessions.csv', headers: await bearer({ id: 'bob' }) });
    expect(csvAsBob.body).not.toContain('RM_private');
    const anonymous = await app.inject({ url: '/cdr/sessions' });
    expect(anonymous.statusCode).toBe(401);
  });

  it('filters by time and room and pages with a cursor', async () => {
    const url = (q: string) => `/cdr/sessions?${q}`;
    const get = async (q: string) => (await app.inject({ url: url(q), headers: admin })).json() as CdrPage;
    const first = await get('limit=1');
    expect(first.sessions).toHaveLength(1);
    expect(first.nextCursor).not.toBeNull();
    const second = await get(`limit=1&cursor=${first.nextCursor}`);
    const third = await get(`limit=1&cursor=${second.nextCursor}`);
    const fourth = await get(`limit=1&cursor=${third.nextCursor}`);
    const seen = [first, second, third, fourth].map((p) => p.sessions[0]?.roomSid);
    expect(new Set(seen).size).toBe(4);
    expect(fourth.nextCursor).toBeNull();

    const early = await get(`to=${encodeURIComponent(new Date(T0 + 1000).toISOString())}`);
    expect(early.sessions.map((x) => x.roomSid).sort()).toEqual(['RM_ordered', 'RM_reversed', 'RM_together']);
    const late = await get(`from=${encodeURIComponent(new Date(T0 + 1000).toISOString())}`);
    expect(late.sessions.map((x) => x.roomSid)).toEqual(['RM_private']);
    expect((await get('room=room-ordered')).sessions.map((x) => x.roomSid)).toEqual(['RM_ordered']);
  });

  it('exports CSV with one line per leg, escaped and safe from formula injection', async () => {
    const res = await app.inject({ url: '/cdr/sessions.csv?room=room-ordered', headers: admin });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/csv');
    const lines = res.body.trimEnd().split('\r\n');
    expect(lines[0]).toMatch(/^session_id,room_sid,room_slug,/);
    expect(lines).toHaveLength(4);
    const carol = lines.find((l) => l.includes(',carol,'));
    // The name =HYPERLINK("x") must become text: apostrophe-prefixed, quotes doubled, quoted.
    expect(carol).toContain(`,"'=HYPERLINK(""x"")",`);
    const bob = lines.find((l) => l.includes(',bob,'));
    expect(bob?.endsWith(',microphone;screen_share,')).toBe(true); // nothing inferred
  });

  it('answers bad queries with a coded 4xx, never a 500', async () => {
    for (const q of ['limit=0', 'limit=abc', 'from=yesterday', 'cursor=!!!', 'cursor=WzEsMl0', 'extra=1']) {
      const res = await app.inject({ url: `/cdr/sessions?${q}`, headers: admin });
      expect(res.statusCode, q).toBe(400);
      expect(res.json().error.code).toBe('VALIDATION');
    }
    const reversed = await app.inject({
      url: `/cdr/sessions?from=2026-02-01T00:00:00Z&to=2026-01-01T00:00:00Z`,
      headers: admin,
    });
    expect(reversed.statusCode).toBe(400);
    const missing = await app.inject({ url: '/cdr/sessions/nope', headers: admin });
    expect(missing.statusCode).toBe(404);
    const badCsv = await app.inject({ url: '/cdr/sessions.csv?limit=5', headers: admin });
    expect(badCsv.statusCode).toBe(400);
  });

  // Last: it adds a session the counts above do not expect.
  it("names the call whose own room a session was in, and null for a room's meeting", async () => {
    await app.database.db
      .insertInto('calls')
      .values({
        id: 'call-1',
        room_id: 'room-call',
        caller_id: 'alice',
        video: 1,
        created_at: T0,
        answered_at: T0,
      })
      .execute();
    await deliver(meeting('RM_call', 'room-call'));
    expect(await detailOf('RM_call')).toMatchObject({ callId: 'call-1' });
    expect(await detailOf('RM_ordered')).toMatchObject({ callId: null });
    const listed = ((await app.inject({ url: '/cdr/sessions', headers: admin })).json() as CdrPage).sessions;
    expect(Object.fromEntries(listed.map((x) => [x.roomSid, x.callId]))).toMatchObject({
      RM_call: 'call-1',
      RM_ordered: null,
    });
  });
});
