// Removal sticks and a lock holds, against a real livekit-server whose webhooks reach a real app
// server (child process, SQLite). People try to come back with what they hold: the LiveKit token
// they were given, a guest's waiting ticket, an old token for a room locked since. Each is
// refused, or removed by the app server as soon as LiveKit reports the connection: LiveKit
// lists them nowhere within 1 s.
import { setTimeout as sleep } from 'node:timers/promises';
import { RoomServiceClient } from 'livekit-server-sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Invite, JoinResult, Room, Session, WaitingRequest, WaitingStatus } from '../../common/api.js';
import { openDatabase, type Database } from '../../server/src/db/database.js';
import { joinBot, type Bot } from '../support/bot.js';
import { startTestStack, type Stack } from '../support/stack.js';
import { createUsers, StackApi } from '../support/stack-api.js';

type Admitted = Extract<JoinResult, { status: 'admitted' }>;

let stack: Stack;
let database: Database;
let api: StackApi;
let livekit: RoomServiceClient;
let alice: Session;
let bob: Session;
let carol: Session;
const bots: Bot[] = [];

beforeAll(async () => {
  stack = await startTestStack({ CONVENE_JWT_SECRET: 'removal-test-jwt-secret-0123456789abcdef' });
  database = await openDatabase({ dataDir: stack.dataDir });
  await createUsers(database, ['alice', 'bob', 'carol']);
  api = new StackApi(stack.appUrl);
  livekit = new RoomServiceClient(stack.livekitApiUrl, stack.keys.apiKey, stack.keys.apiSecret);
  [alice, bob, carol] = [await api.login('alice'), await api.login('bob'), await api.login('carol')];
});
afterAll(async () => {
  await Promise.all(bots.map((b) => b.leave()));
  await database?.close();
  await stack?.stop();
});

const inRoom = async (roomId: string) => (await livekit.listParticipants(roomId)).map((p) => p.identity);

async function connect(token: string): Promise<Bot> {
  const bot = await joinBot(stack.livekitUrl, token);
  bots.push(bot);
  return bot;
}

/** A meeting alice hosts, with her bot in it so the LiveKit room stays open. */
async function meeting(options: { waitingRoom?: boolean } = {}): Promise<Room> {
  const room = await api.post<Room>('/rooms', alice, { title: 'Held', ...options });
  const grant = await api.post<Admitted>(`/rooms/${room.id}/join`, alice);
  await connect(grant.token);
  return room;
}

async function joinAs(session: Session, room: Room): Promise<{ token: string; bot: Bot }> {
  const grant = await api.post<Admitted>(`/rooms/${room.id}/join`, session);
  const bot = await connect(grant.token);
  await expect.poll(() => inRoom(room.id)).toContain(session.user.id);
  return { token: grant.token, bot };
}

async function remove(room: Room, identity: string, bot: Bot): Promise<void> {
  const res = await api.request(`/rooms/${room.id}/participants/${identity}`, alice, { method: 'DELETE' });
  expect(res.status).toBe(204);
  await bot.disconnected;
}

/** Connects with a token the person still holds: refused outright, or removed within 1 s. */
async function expectKeptOut(room: Room, identity: string, token: string): Promise<void> {
  let bot: Bot | undefined;
  try {
    bot = await connect(token);
  } catch {
    bot = undefined; // LiveKit refused the connection itself
  }
  if (bot) {
    const outcome = await Promise.race([
      bot.disconnected.then(() => 'removed'),
      sleep(1000).then(() => 'still in'),
    ]);
    expect(outcome).toBe('removed');
  }
  expect(await inRoom(room.id)).not.toContain(identity);
  // And they stay out: nothing brings them back a moment later.
  await sleep(300);
  expect(await inRoom(room.id)).not.toContain(identity);
}

/** Waits until the app server's call records have the person in the meeting. */
const recorded = (identity: string) =>
  expect
    .poll(async () => {
      const leg = await database.db
        .selectFrom('cdr_legs')
        .select('id')
        .where('identity', '=', identity)
        .where('left_at', 'is', null)
        .executeTakeFirst();
      return leg !== undefined;
    })
    .toBe(true);

describe('a removed participant', () => {
  it('cannot come back with the token they hold, nor ask for a new one (unlocked room)', async () => {
    const room = await meeting();
    const { token, bot } = await joinAs(bob, room);
    await remove(room, bob.user.id, bot);
    await expectKeptOut(room, bob.user.id, token);
    const again = await api.request<{ error: { code: string; details?: unknown } }>(
      `/rooms/${room.id}/join`,
      bob,
      {
        method: 'POST',
      },
    );
    expect(again.status).toBe(403);
    expect(again.body.error).toMatchObject({ code: 'FORBIDDEN', details: { reason: 'REMOVED' } });
  });

  it('cannot come back into a locked room either', async () => {
    const room = await meeting();
    const { token, bot } = await joinAs(bob, room);
    await recorded(bob.user.id);
    await api.post(`/rooms/${room.id}/lock`, alice, { locked: true });
    await remove(room, bob.user.id, bot);
    await expectKeptOut(room, bob.user.id, token);
  });
});

describe('a locked room', () => {
  it('admits nobody new with an old token, while those who were there may reconnect', async () => {
    const room = await meeting();
    const bobIn = await joinAs(bob, room);
    await recorded(bob.user.id);
    // Carol got her token before the lock but connects only after it.
    const carolGrant = await api.post<Admitted>(`/rooms/${room.id}/join`, carol);
    await api.post(`/rooms/${room.id}/lock`, alice, { locked: true });
    expect((await api.request(`/rooms/${room.id}/join`, carol, { method: 'POST' })).status).toBe(423);
    await expectKeptOut(room, carol.user.id, carolGrant.token);

    // Bob was in the meeting when it was locked: his dropped connection comes back and stays.
    await bobIn.bot.leave();
    await expect.poll(() => inRoom(room.id)).not.toContain(bob.user.id);
    const back = await connect(bobIn.token);
    await sleep(1000);
    expect(back.room.isConnected).toBe(true);
    expect(await inRoom(room.id)).toContain(bob.user.id);
  });
});

describe('a guest with a waiting ticket', () => {
  async function admittedGuest(room: Room, name: string) {
    const invite = await api.post<Invite>(`/rooms/${room.id}/invites`, alice, { role: 'participant' });
    const waiting = await api.post<{ status: 'waiting'; ticket: string }>('/invites/join', null, {
      invite: invite.invite,
      displayName: name,
    });
    expect(waiting.status).toBe('waiting');
    const [request] = await api.call<WaitingRequest[]>(`/rooms/${room.id}/waiting`, alice);
    await api.post(`/rooms/${room.id}/waiting/${request!.id}/admit`, alice);
    const poll = () =>
      api.request<WaitingStatus & { error?: { code: string } }>(`/waiting/${waiting.ticket}`, null);
    const first = await poll();
    if (first.body.status !== 'admitted') throw new Error(`not admitted: ${JSON.stringify(first.body)}`);
    return { token: first.body.token, poll };
  }

  it('who was removed gets no token from the ticket and cannot reconnect (unlocked room)', async () => {
    const room = await meeting({ waitingRoom: true });
    const guest = await admittedGuest(room, 'Gus');
    const bot = await connect(guest.token);
    const identity = bot.room.localParticipant!.identity;
    await expect.poll(() => inRoom(room.id)).toContain(identity);
    await remove(room, identity, bot);
    const again = await guest.poll();
    expect(again.status).toBe(403);
    expect(again.body.error?.code).toBe('FORBIDDEN');
    await expectKeptOut(room, identity, guest.token);
  });

  it('admitted before the lock gets no token from the ticket and no way in after it', async () => {
    const room = await meeting({ waitingRoom: true });
    const guest = await admittedGuest(room, 'Gwen');
    await api.post(`/rooms/${room.id}/lock`, alice, { locked: true });
    const again = await guest.poll();
    expect(again.status).toBe(423);
    expect(again.body.error?.code).toBe('LOCKED');
    // The token the first poll gave, used only now.
    const payload = JSON.parse(Buffer.from(guest.token.split('.')[1]!, 'base64url').toString()) as {
      sub: string;
    };
    await expectKeptOut(room, payload.sub, guest.token);
  });
});
