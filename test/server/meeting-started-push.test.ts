// "A meeting started in a room you belong to" commits with the LiveKit webhook that began the
// meeting's call record, or not at all. A real app server receives signed webhooks over HTTP, on
// SQLite and PostgreSQL: a database failure after the CDR write (a trigger; on PostgreSQL at
// COMMIT, after the NOTIFY) keeps nothing, answers non-2xx and notifies no instance; LiveKit's
// retry then yields exactly one event per person; redeliveries and later events of the meeting
// yield no second one. On PostgreSQL two app-server processes both receive every webhook, as
// LiveKit posts to each: still exactly one event, delivered to clients of either instance.
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Room, Session } from '../../common/api.js';
import type { Database } from '../../server/src/db/database.js';
import { APP_SERVER_LIVEKIT_KEYS, loginDemo, postJson } from '../support/app-server-process.js';
import { startCoreApp, type CoreApp } from '../support/core-app.js';
import { DIALECTS } from '../support/databases.js';
import { failPushAppends } from '../support/failing-push-append.js';
import { postWebhook, webhookBody, type SimpleEvent } from '../support/livekit-webhooks.js';
import { connectPush, type TestPushClient } from '../support/push-client.js';
import { twoAppServersOnPostgres } from '../support/two-app-servers.js';

const nowSeconds = () => Math.floor(Date.now() / 1000);

/** The meeting.started events stored for this room, as the user ids they went to. */
async function startedEvents(database: Database, roomId: string): Promise<string[]> {
  const rows = await database.db
    .selectFrom('push_events')
    .select(['user_id', 'payload'])
    .where('type', '=', 'meeting.started')
    .execute();
  return rows
    .filter((r) => (JSON.parse(r.payload) as { roomId: string }).roomId === roomId)
    .map((r) => r.user_id)
    .sort();
}

/** The meeting.started events a client has received for this room, once `sentinel` arrived
 *  after them (a user's events arrive in order, so nothing sent before it is still on its way). */
async function receivedStarts(client: TestPushClient, roomId: string, sentinel: string): Promise<number> {
  await client.waitFor('waiting.knock', (e) => e.requestId === sentinel);
  return client.events.filter((d) => d.event.type === 'meeting.started' && d.event.roomId === roomId).length;
}

describe.each(DIALECTS)('meeting started, in the webhook transaction, on %s', (dialect) => {
  let core: CoreApp;
  let url: string;
  let alice: Session;
  let bob: Session;
  let carol: Session;
  let admin: Session;
  const keys = () => ({ apiKey: core.config.livekit.apiKey, apiSecret: core.config.livekit.apiSecret });
  const post = (e: SimpleEvent) => postWebhook(url, webhookBody(e), keys());

  beforeAll(async () => {
    core = await startCoreApp(dialect);
    url = await core.app.listen({ host: '127.0.0.1', port: 0 });
    for (const u of ['alice', 'bob', 'carol']) await core.addUser(u);
    await core.addUser('admin', { isAdmin: true });
    [alice, bob, carol, admin] = await Promise.all([
      core.login('alice'),
      core.login('bob'),
      core.login('carol'),
      core.login('admin'),
    ]);
    // An endpoint subscribed to meeting.started, so the outbox is part of what must be all or nothing.
    const endpoint = await core.as(admin, {
      method: 'POST',
      url: '/admin/webhooks',
      payload: { url: 'http://127.0.0.1:9/none', events: ['meeting.started'] },
    });
    expect(endpoint.statusCode).toBe(201);
  });
  afterAll(() => core?.close());

  async function roomOfAliceWithBob(title: string): Promise<Room> {
    const room = (await core.as(alice, { method: 'POST', url: '/rooms', payload: { title } })).json<Room>();
    const added = await core.as(alice, {
      method: 'POST',
      url: `/rooms/${room.id}/members`,
      payload: { username: 'bob', role: 'participant' },
    });
    expect(added.statusCode).toBe(201);
    return room;
  }

  /** What the database kept of a meeting: events, CDR sessions, outbox messages, push events. */
  async function kept(roomSid: string, roomId: string) {
    const { db } = core.app.database;
    const count = async (rows: Promise<unknown[]>) => (await rows).length;
    return {
      livekitEvents: await count(
        db.selectFrom('livekit_events').select('id').where('room_sid', '=', roomSid).execute(),
      ),
      sessions: await count(
        db.selectFrom('cdr_sessions').select('id').where('room_sid', '=', roomSid).execute(),
      ),
      outbox: await count(
        db
          .selectFrom('webhook_outbox')
          .select('id')
          .where('event_type', '=', 'meeting.started')
          .where('body', 'like', `%${roomSid}%`)
          .execute(),
      ),
      pushEvents: (await startedEvents(core.app.database, roomId)).length,
    };
  }

  it('keeps nothing when the transaction fails after the CDR write; the retry gives one event', async () => {
    const room = await roomOfAliceWithBob('Standup');
    const sid = `RM_fail_${dialect}`;
    const clients = await Promise.all([alice, bob, carol].map((s) => connectPush(url, s.accessToken)));
    const [a, b, c] = clients as [TestPushClient, TestPushClient, TestPushClient];
    const notices = dialect === 'postgres' ? await listenForNotices(core.config.databaseUrl!) : null;

    const started: SimpleEvent = {
      event: 'room_started',
      id: `EV_start_${dialect}`,
      createdAtSeconds: nowSeconds(),
      room: { sid, name: room.id },
    };
    const removeFailure = await failPushAppends(core.app.database);
    const failed = await post(started);
    await removeFailure();
    expect(failed.status).toBe(500); // not 2xx: LiveKit sends it again
    expect(await kept(sid, room.id)).toEqual({ livekitEvents: 0, sessions: 0, outbox: 0, pushEvents: 0 });
    if (notices) {
      await sleep(300);
      expect(notices.about(alice.user.id)).toBe(0); // a rolled-back NOTIFY is never delivered
    }

    // LiveKit's retry, a redelivery of it, and the first join of the meeting.
    const retried = await post(started);
    expect(retried.status).toBe(200);
    expect(await retried.json()).toEqual({ received: true, duplicate: false });
    expect(await (await post(started)).json()).toEqual({ received: true, duplicate: true });
    const joined = await post({
      event: 'participant_joined',
      createdAtSeconds: nowSeconds(),
      room: { sid, name: room.id },
      participant: { sid: `PA_fail_${dialect}`, identity: alice.user.id, joinedAtMs: Date.now() },
    });
    expect(joined.status).toBe(200);

    expect(await kept(sid, room.id)).toEqual({ livekitEvents: 2, sessions: 1, outbox: 1, pushEvents: 2 });
    expect(await startedEvents(core.app.database, room.id)).toEqual([alice.user.id, bob.user.id].sort());
    await core.app.push.hub.publish([alice.user.id, bob.user.id, carol.user.id], sentinel('after-fail'));
    expect(await receivedStarts(a, room.id, 'after-fail')).toBe(1);
    expect(await receivedStarts(b, room.id, 'after-fail')).toBe(1);
    expect(await receivedStarts(c, room.id, 'after-fail')).toBe(0); // not in the room
    expect(a.events.find((d) => d.event.type === 'meeting.started')?.event).toEqual({
      type: 'meeting.started',
      roomId: room.id,
      title: 'Standup',
    });
    if (notices) {
      expect(notices.about(alice.user.id)).toBeGreaterThan(0);
      await notices.end();
    }
    await Promise.all(clients.map((client) => client.close()));
  });

  it('begins a meeting whose room_started was lost with its first join, once; an ended one not at all', async () => {
    const room = await roomOfAliceWithBob('Late start');
    const sid = `RM_late_${dialect}`;
    const first = await post({
      event: 'participant_joined',
      createdAtSeconds: nowSeconds(),
      room: { sid, name: room.id },
      participant: { sid: `PA_late_${dialect}`, identity: bob.user.id, joinedAtMs: Date.now() },
    });
    expect(first.status).toBe(200);
    expect(await startedEvents(core.app.database, room.id)).toEqual([alice.user.id, bob.user.id].sort());
    // room_started arriving after the join (order is not guaranteed) begins nothing new.
    await post({ event: 'room_started', createdAtSeconds: nowSeconds(), room: { sid, name: room.id } });
    expect(await startedEvents(core.app.database, room.id)).toHaveLength(2);

    // Of another meeting only room_finished arrived: it is over, nobody is told it started.
    const over = await roomOfAliceWithBob('Already over');
    const finished = await post({
      event: 'room_finished',
      createdAtSeconds: nowSeconds(),
      room: { sid: `RM_over_${dialect}`, name: over.id },
    });
    expect(finished.status).toBe(200);
    expect(await startedEvents(core.app.database, over.id)).toEqual([]);
  });
});

describe('meeting started with two app servers on PostgreSQL, both receiving every webhook', () => {
  const twoServers = twoAppServersOnPostgres();

  it('stores one event per person and meeting, and clients of both instances get it once', async () => {
    const { servers, database } = twoServers();
    const [a, b] = servers;
    const alice = await loginDemo(a.url, 'alice');
    const bob = await loginDemo(b.url, 'bob');
    const alicePush = await connectPush(a.url, alice.accessToken);
    const bobPush = await connectPush(b.url, bob.accessToken);
    const rooms: Room[] = [];
    for (let i = 0; i < 8; i++) {
      const room = await postJson<Room>(a.url, '/rooms', { title: `Meeting ${i}` }, alice.accessToken);
      await postJson(
        a.url,
        `/rooms/${room.id}/members`,
        { username: 'bob', role: 'participant' },
        alice.accessToken,
      );
      rooms.push(room);
    }
    // As LiveKit does with two webhook URLs: each event to both, at the same moment.
    await Promise.all(
      rooms.map(async (room, i) => {
        const roomRef = { sid: `RM_two_${i}`, name: room.id };
        const events: SimpleEvent[] = [
          { event: 'room_started', createdAtSeconds: nowSeconds(), room: roomRef },
          {
            event: 'participant_joined',
            createdAtSeconds: nowSeconds(),
            room: roomRef,
            participant: { sid: `PA_two_${i}`, identity: alice.user.id, joinedAtMs: Date.now() },
          },
        ];
        for (const e of events) {
          const body = webhookBody(e);
          const answers = await Promise.all(
            servers.map((s) => postWebhook(s.url, body, APP_SERVER_LIVEKIT_KEYS)),
          );
          expect(answers.map((r) => r.status)).toEqual([200, 200]);
        }
      }),
    );

    const db = await database.open();
    try {
      for (const room of rooms) {
        expect(await startedEvents(db, room.id)).toEqual([alice.user.id, bob.user.id].sort());
      }
    } finally {
      await db.close();
    }
    for (const [client, session] of [
      [alicePush, alice],
      [bobPush, bob],
    ] as const) {
      for (const room of rooms) {
        await client.waitFor('meeting.started', (e) => e.roomId === room.id);
      }
      await sleep(300); // a second copy, if any, would have come by now (events come in order)
      const starts = client.events.filter((d) => d.event.type === 'meeting.started');
      expect(starts.length, `meeting.started events for ${session.user.username}`).toBe(rooms.length);
    }
    await Promise.all([alicePush.close(), bobPush.close()]);
  });
});

function sentinel(requestId: string) {
  return { type: 'waiting.knock' as const, roomId: 'sentinel', requestId, displayName: 'sentinel' };
}

/** A LISTEN on the push channel's NOTIFY, counting the "new events for" notices naming a user
 *  (presence notices, objects, are not counted). */
async function listenForNotices(databaseUrl: string) {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  const payloads: string[] = [];
  client.on('notification', (msg) => payloads.push(msg.payload ?? ''));
  // Dropping the test database ends this connection if a failed test never reached end().
  client.on('error', () => undefined);
  await client.query('LISTEN convene_push');
  return {
    about: (userId: string) =>
      payloads.filter((p) => {
        const users: unknown = JSON.parse(p);
        return Array.isArray(users) && users.includes(userId);
      }).length,
    end: () => client.end(),
  };
}
