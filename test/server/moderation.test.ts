// Moderation by hosts, checked against the real LiveKit room: bots (@livekit/rtc-node) join with
// tokens from the app server, publish microphones, and get muted, removed and ended.
import { RoomServiceClient } from 'livekit-server-sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JoinResult, LiveParticipant, Room, Session } from '../../common/api.js';
import { joinBot, type Bot } from '../support/bot.js';
import { startCoreApp, type CoreApp } from '../support/core-app.js';
import { startLivekit } from '../support/livekit-only.js';
import type { Stack } from '../support/stack.js';

type Admitted = Extract<JoinResult, { status: 'admitted' }>;

let stack: Stack;
let core: CoreApp;
let client: RoomServiceClient;
let alice: Session;
let bob: Session;
let carol: Session;
const bots: Bot[] = [];

beforeAll(async () => {
  stack = await startLivekit();
  core = await startCoreApp('sqlite', { stack });
  client = new RoomServiceClient(stack.livekitApiUrl, stack.keys.apiKey, stack.keys.apiSecret);
  for (const u of ['alice', 'bob', 'carol']) await core.addUser(u);
  [alice, bob, carol] = [await core.login('alice'), await core.login('bob'), await core.login('carol')];
});
afterAll(async () => {
  await Promise.all(bots.map((b) => b.leave()));
  await core?.close();
  await stack?.stop();
});

async function meeting(): Promise<{ room: Room; bobBot: Bot; carolBot: Bot }> {
  const room = (
    await core.as(alice, { method: 'POST', url: '/rooms', payload: { title: 'Moderated' } })
  ).json<Room>();
  const botFor = async (session: Session) => {
    const grant = (
      await core.as(session, { method: 'POST', url: `/rooms/${room.id}/join` })
    ).json<Admitted>();
    const bot = await joinBot(grant.url, grant.token);
    bots.push(bot);
    expect(await bot.publishMicrophone()).toBe(true);
    return bot;
  };
  const [bobBot, carolBot] = [await botFor(bob), await botFor(carol)];
  await expect
    .poll(async () => (await client.listParticipants(room.id)).flatMap((p) => p.tracks).length)
    .toBe(2);
  return { room, bobBot, carolBot };
}

const micMuted = async (roomId: string) =>
  Object.fromEntries(
    (await client.listParticipants(roomId)).map((p) => [p.identity, p.tracks.every((t) => t.muted)]),
  );

describe('moderation', () => {
  it('lists live participants with their role and tracks', async () => {
    const { room } = await meeting();
    const res = await core.as(alice, { method: 'GET', url: `/rooms/${room.id}/participants` });
    expect(res.statusCode).toBe(200);
    const live = res.json<LiveParticipant[]>();
    const bobLive = live.find((p) => p.identity === bob.user.id);
    expect(bobLive).toMatchObject({ name: 'Bob Tester', role: 'participant' });
    expect(bobLive?.tracks).toEqual([{ sid: expect.any(String), source: 'microphone', muted: false }]);
  });

  it('mutes one participant, then everyone else, as LiveKit confirms', async () => {
    const { room } = await meeting();
    const mute = await core.as(alice, {
      method: 'POST',
      url: `/rooms/${room.id}/participants/${bob.user.id}/mute`,
      payload: { source: 'microphone' },
    });
    expect(mute.statusCode).toBe(200);
    expect(mute.json()).toEqual({ muted: 1 });
    await expect.poll(() => micMuted(room.id)).toEqual({ [bob.user.id]: true, [carol.user.id]: false });

    const all = await core.as(alice, { method: 'POST', url: `/rooms/${room.id}/mute-all` });
    expect(all.json()).toEqual({ muted: 1 }); // Bob's microphone was already muted
    await expect.poll(() => micMuted(room.id)).toEqual({ [bob.user.id]: true, [carol.user.id]: true });
  });

  it('removes a participant from the LiveKit room', async () => {
    const { room, bobBot } = await meeting();
    const res = await core.as(alice, {
      method: 'DELETE',
      url: `/rooms/${room.id}/participants/${bob.user.id}`,
    });
    expect(res.statusCode).toBe(204);
    await bobBot.disconnected;
    await expect
      .poll(async () => (await client.listParticipants(room.id)).map((p) => p.identity))
      .toEqual([carol.user.id]);
    const again = await core.as(alice, {
      method: 'DELETE',
      url: `/rooms/${room.id}/participants/${bob.user.id}`,
    });
    expect(again.statusCode).toBe(404);
  });

  it('locks the room against new joins, and ends it for everyone', async () => {
    const { room, bobBot, carolBot } = await meeting();
    const lock = await core.as(alice, {
      method: 'POST',
      url: `/rooms/${room.id}/lock`,
      payload: { locked: true },
    });
    expect(lock.json()).toEqual({ locked: true });
    expect((await core.as(bob, { method: 'POST', url: `/rooms/${room.id}/join` })).statusCode).toBe(423);

    const end = await core.as(alice, { method: 'POST', url: `/rooms/${room.id}/end` });
    expect(end.statusCode).toBe(204);
    await Promise.all([bobBot.disconnected, carolBot.disconnected]);
    expect(await client.listRooms([room.id])).toEqual([]);
  });

  it('ends the live meeting when its room is deleted', async () => {
    const { room, bobBot, carolBot } = await meeting();
    expect((await core.as(alice, { method: 'DELETE', url: `/rooms/${room.id}` })).statusCode).toBe(204);
    await Promise.all([bobBot.disconnected, carolBot.disconnected]);
    expect(await client.listRooms([room.id])).toEqual([]);
  });

  it('refuses every moderation call from a participant with 403', async () => {
    const { room } = await meeting();
    const calls = [
      { method: 'GET', url: `/rooms/${room.id}/participants` },
      {
        method: 'POST',
        url: `/rooms/${room.id}/participants/${carol.user.id}/mute`,
        payload: { source: 'microphone' },
      },
      { method: 'POST', url: `/rooms/${room.id}/mute-all` },
      { method: 'DELETE', url: `/rooms/${room.id}/participants/${carol.user.id}` },
      { method: 'POST', url: `/rooms/${room.id}/lock`, payload: { locked: true } },
      { method: 'POST', url: `/rooms/${room.id}/end` },
    ] as const;
    for (const call of calls) {
      const res = await core.as(bob, call);
      expect(res.statusCode, call.url).toBe(403);
      expect(res.json().error.code).toBe('FORBIDDEN');
    }
    // Nothing happened in LiveKit.
    expect(await micMuted(room.id)).toEqual({ [bob.user.id]: false, [carol.user.id]: false });
  });

  it('answers bad moderation input with 400', async () => {
    const room = (
      await core.as(alice, { method: 'POST', url: '/rooms', payload: { title: 'Empty' } })
    ).json<Room>();
    for (const payload of [{ source: 'everything' }, { source: 'microphone', extra: 1 }, {}]) {
      const res = await core.as(alice, {
        method: 'POST',
        url: `/rooms/${room.id}/participants/x/mute`,
        payload,
      });
      expect(res.statusCode).toBe(400);
    }
    const lock = await core.as(alice, {
      method: 'POST',
      url: `/rooms/${room.id}/lock`,
      payload: { locked: 'yes' },
    });
    expect(lock.statusCode).toBe(400);
  });
});
