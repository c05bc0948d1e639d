// Searching call detail records by person (GET /cdr/sessions?person=…) on both databases, with
// records built from signed LiveKit-format webhooks: a participant's display name or username,
// any case, anywhere in it; % and _ taken literally; combined with visibility, other filters,
// the cursor and the CSV export.
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CdrPage } from '../../common/api.js';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../support/databases.js';
import { bearer, buildEventsApp, postLivekitEvents } from '../support/events-app.js';
import type { SimpleEvent } from '../support/livekit-webhooks.js';

const T0 = Date.UTC(2026, 2, 2, 9, 0, 0);
const s = (ms: number) => Math.floor(ms / 1000);

/** One finished meeting `n` hours after T0 in room `roomName` with these participants. */
function meeting(
  n: number,
  roomName: string,
  people: Array<{ identity: string; name: string }>,
): SimpleEvent[] {
  const at = T0 + n * 3_600_000;
  const room = { sid: `RM_person_${n}`, name: roomName, creationTimeMs: at };
  const legs = people.map((p, i) => ({ sid: `PA_person_${n}_${i}`, ...p, joinedAtMs: at }));
  const events: Array<Omit<SimpleEvent, 'id'>> = [
    { event: 'room_started', createdAtSeconds: s(at), room },
    ...legs.map((participant) => ({
      event: 'participant_joined' as const,
      createdAtSeconds: s(at),
      room,
      participant,
    })),
    ...legs.map((participant) => ({
      event: 'participant_left' as const,
      createdAtSeconds: s(at + 600_000),
      room,
      participant,
    })),
    { event: 'room_finished', createdAtSeconds: s(at + 600_000), room },
  ];
  return events.map((e, i) => ({ ...e, id: `EV_person_${n}_${i}` }));
}

const admin = await bearer({ id: 'admin-1', isAdmin: true });
const bob = { identity: 'u-bob', name: 'Bob Baker' };
// Renamed in this meeting's token: only his username still finds him.
const bobRenamed = { identity: 'u-bob', name: 'Robert' };
const dana = { identity: 'u-dana', name: 'Dana Díaz' };
const guest = { identity: 'guest-1', name: 'Ext_Guest 100%' };

describe.each(DIALECTS)('call records by person on %s', (dialect) => {
  let testDb: TestDatabase;
  let app: FastifyInstance;
  const rooms = async (query: string, headers = admin) => {
    const res = await app.inject({ url: `/cdr/sessions?${query}`, headers });
    expect(res.statusCode, `${query}: ${res.body}`).toBe(200);
    return (res.json() as CdrPage).sessions.map((x) => x.roomSid).sort();
  };

  beforeAll(async () => {
    testDb = await createTestDatabase(dialect);
    app = await buildEventsApp(testDb);
    const user = { password_hash: 'x', is_admin: 0, disabled: 0, created_at: T0 };
    await app.database.db
      .insertInto('users')
      .values([
        { ...user, id: 'u-bob', username: 'bbaker', display_name: 'Bob Baker' },
        { ...user, id: 'u-dana', username: 'dana', display_name: 'Dana Díaz' },
      ])
      .execute();
    const events = [
      ...meeting(0, 'room-a', [bob, dana]),
      ...meeting(1, 'room-b', [dana, guest]),
      ...meeting(2, 'room-a', [bobRenamed]),
      ...meeting(3, 'room-b', [dana]),
    ];
    expect(await postLivekitEvents(app, events)).toEqual(events.map(() => 200));
  });
  afterAll(async () => {
    await app?.close();
    await testDb?.drop();
  });

  it('matches part of a display name in any case, and a username', async () => {
    // 'Bob Ba' is in the name only (his username is bbaker): the meeting where he was Robert is not.
    expect(await rooms('person=BOB%20BA')).toEqual(['RM_person_0']);
    expect(await rooms('person=bbak')).toEqual(['RM_person_0', 'RM_person_2']);
    expect(await rooms('person=dana')).toEqual(['RM_person_0', 'RM_person_1', 'RM_person_3']);
    expect(await rooms('person=%20Díaz%20')).toEqual(['RM_person_0', 'RM_person_1', 'RM_person_3']);
    expect(await rooms('person=nobody')).toEqual([]);
    // Without the parameter: every record, as before.
    expect(await rooms('')).toEqual(['RM_person_0', 'RM_person_1', 'RM_person_2', 'RM_person_3']);
  });

  it('takes % and _ literally', async () => {
    expect(await rooms('person=%25')).toEqual(['RM_person_1']);
    expect(await rooms('person=t_g')).toEqual(['RM_person_1']);
    expect(await rooms('person=b_b')).toEqual([]);
    expect(await rooms('person=a%25a')).toEqual([]);
  });

  it('keeps to what the viewer may see, with the other filters and the cursor', async () => {
    expect(await rooms('person=dana', await bearer({ id: 'u-bob' }))).toEqual(['RM_person_0']);
    expect(await rooms('person=guest', await bearer({ id: 'u-bob' }))).toEqual([]);
    expect(await rooms('person=dana&room=room-b')).toEqual(['RM_person_1', 'RM_person_3']);
    const from = encodeURIComponent(new Date(T0 + 2 * 3_600_000).toISOString());
    expect(await rooms(`person=dana&from=${from}`)).toEqual(['RM_person_3']);

    const page = async (q: string) =>
      (await app.inject({ url: `/cdr/sessions?${q}`, headers: admin })).json() as CdrPage;
    const first = await page('person=dana&limit=2');
    expect(first.sessions.map((x) => x.roomSid)).toEqual(['RM_person_3', 'RM_person_1']);
    const second = await page(`person=dana&limit=2&cursor=${first.nextCursor}`);
    expect(second.sessions.map((x) => x.roomSid)).toEqual(['RM_person_0']);
    expect(second.nextCursor).toBeNull();
  });

  it('narrows the CSV export the same way', async () => {
    const res = await app.inject({ url: '/cdr/sessions.csv?person=bbaker', headers: admin });
    expect(res.statusCode).toBe(200);
    const sids = new Set(
      res.body
        .trimEnd()
        .split('\r\n')
        .slice(1)
        .map((line) => line.split(',')[1]),
    );
    expect([...sids].sort()).toEqual(['RM_person_0', 'RM_person_2']);
  });

  it('refuses an empty or overlong person with a coded 400', async () => {
    for (const q of ['person=', 'person=%20%20', `person=${'x'.repeat(101)}`]) {
      const res = await app.inject({ url: `/cdr/sessions?${q}`, headers: admin });
      expect(res.statusCode, q).toBe(400);
      expect(res.json().error.code).toBe('VALIDATION');
    }
  });
});
