// The recording mark, against a real LiveKit server: the app server sets the `convene.recording`
// attribute on the caller's own participant and clears it; a host can forbid recording by others
// (room setting allowRecording), and then the mark is refused and never set; setting it sends a
// `recording.started` webhook (metadata only) to a real receiver. Forbidding recording clears
// the marks of others already recording, and the live meeting hears of the setting in LiveKit's
// room metadata.
import { RoomServiceClient } from 'livekit-server-sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CreatedWebhookEndpoint, JoinResult, Room, Session } from '../../common/api.js';
import { joinBot, type Bot } from '../support/bot.js';
import { startCoreApp, type CoreApp } from '../support/core-app.js';
import { startLivekit } from '../support/livekit-only.js';
import type { Stack } from '../support/stack.js';
import { eventually, startWebhookReceiver, type WebhookReceiverServer } from '../support/webhook-receiver.js';

type Admitted = Extract<JoinResult, { status: 'admitted' }>;

let stack: Stack;
let core: CoreApp;
let client: RoomServiceClient;
let receiver: WebhookReceiverServer;
let alice: Session;
let bob: Session;
const bots: Bot[] = [];

beforeAll(async () => {
  stack = await startLivekit();
  core = await startCoreApp('sqlite', { stack });
  client = new RoomServiceClient(stack.livekitApiUrl, stack.keys.apiKey, stack.keys.apiSecret);
  receiver = await startWebhookReceiver();
  await core.addUser('admin', { isAdmin: true });
  for (const u of ['alice', 'bob']) await core.addUser(u);
  [alice, bob] = [await core.login('alice'), await core.login('bob')];
  const hook = await core.as(await core.login('admin'), {
    method: 'POST',
    url: '/admin/webhooks',
    payload: { url: receiver.url, events: ['recording.started'] },
  });
  expect(hook.json<CreatedWebhookEndpoint>().events).toEqual(['recording.started']);
});
afterAll(async () => {
  await Promise.all(bots.map((b) => b.leave()));
  await receiver?.close();
  await core?.close();
  await stack?.stop();
});

async function roomWithBob(payload: Record<string, unknown> = {}): Promise<Room> {
  const room = (
    await core.as(alice, { method: 'POST', url: '/rooms', payload: { title: 'Recorded', ...payload } })
  ).json<Room>();
  const grant = (await core.as(bob, { method: 'POST', url: `/rooms/${room.id}/join` })).json<Admitted>();
  bots.push(await joinBot(grant.url, grant.token));
  return room;
}

const markOf = async (roomId: string, identity: string) =>
  (await client.listParticipants(roomId)).find((p) => p.identity === identity)?.attributes[
    'convene.recording'
  ];

describe('recording mark', () => {
  it('sets and clears the attribute on the caller, and sends recording.started', async () => {
    const room = await roomWithBob();
    expect(room.allowRecording).toBe(true);
    const on = await core.as(bob, { method: 'POST', url: `/rooms/${room.id}/recording` });
    expect(on.statusCode).toBe(200);
    expect(on.json()).toEqual({ recording: true });
    expect(await markOf(room.id, bob.user.id)).toBe('true');
    await eventually('recording.started delivered', async () => receiver.received.length >= 1);
    const message = JSON.parse(receiver.received[0]?.body ?? '{}') as { type: string; data: object };
    expect(message.type).toBe('recording.started');
    expect(message.data).toEqual({
      roomId: room.id,
      userId: bob.user.id,
      username: 'bob',
      startedAt: expect.any(String),
    });
    const off = await core.as(bob, { method: 'DELETE', url: `/rooms/${room.id}/recording` });
    expect(off.statusCode).toBe(204);
    await expect.poll(() => markOf(room.id, bob.user.id)).toBeUndefined();
  });

  it('refuses a participant when the host forbids recording, and never sets the mark', async () => {
    const room = await roomWithBob();
    const patched = await core.as(alice, {
      method: 'PATCH',
      url: `/rooms/${room.id}`,
      payload: { allowRecording: false },
    });
    expect(patched.json<Room>().allowRecording).toBe(false);
    const refused = await core.as(bob, { method: 'POST', url: `/rooms/${room.id}/recording` });
    expect(refused.statusCode).toBe(403);
    expect(refused.json()).toMatchObject({
      error: { code: 'RECORDING_FORBIDDEN', message: 'The host of this meeting does not allow recording.' },
    });
    expect(await markOf(room.id, bob.user.id)).toBeUndefined();
  });

  it('lets the host record a room that forbids recording by others', async () => {
    const room = await roomWithBob({ allowRecording: false });
    const grant = (await core.as(alice, { method: 'POST', url: `/rooms/${room.id}/join` })).json<Admitted>();
    bots.push(await joinBot(grant.url, grant.token));
    expect((await core.as(alice, { method: 'POST', url: `/rooms/${room.id}/recording` })).statusCode).toBe(
      200,
    );
    expect(await markOf(room.id, alice.user.id)).toBe('true');
  });

  it("clears others' running marks when the host forbids recording, and keeps the host's", async () => {
    const room = await roomWithBob();
    const grant = (await core.as(alice, { method: 'POST', url: `/rooms/${room.id}/join` })).json<Admitted>();
    bots.push(await joinBot(grant.url, grant.token));
    for (const who of [alice, bob]) {
      expect((await core.as(who, { method: 'POST', url: `/rooms/${room.id}/recording` })).statusCode).toBe(
        200,
      );
    }
    expect(await markOf(room.id, bob.user.id)).toBe('true');
    const patched = await core.as(alice, {
      method: 'PATCH',
      url: `/rooms/${room.id}`,
      payload: { allowRecording: false },
    });
    expect(patched.statusCode).toBe(200);
    // Cleared before the answer, by the app server on LiveKit itself.
    expect(await markOf(room.id, bob.user.id)).toBeUndefined();
    expect(await markOf(room.id, alice.user.id)).toBe('true');
    expect((await core.as(bob, { method: 'POST', url: `/rooms/${room.id}/recording` })).statusCode).toBe(403);
    // Allowing it again does not bring a mark back; Bob may start a new recording.
    await core.as(alice, { method: 'PATCH', url: `/rooms/${room.id}`, payload: { allowRecording: true } });
    expect(await markOf(room.id, bob.user.id)).toBeUndefined();
    expect((await core.as(bob, { method: 'POST', url: `/rooms/${room.id}/recording` })).statusCode).toBe(200);
  });

  it('announces the setting to the live meeting in the room metadata, and saves it without one', async () => {
    const room = await roomWithBob();
    const metadataOf = async () => (await client.listRooms([room.id]))[0]?.metadata;
    const patch = (id: string, allowRecording: boolean) =>
      core.as(alice, { method: 'PATCH', url: `/rooms/${id}`, payload: { allowRecording } });
    expect((await patch(room.id, false)).statusCode).toBe(200);
    expect(JSON.parse((await metadataOf()) ?? 'null')).toEqual({ allowRecording: false });
    expect((await patch(room.id, true)).statusCode).toBe(200);
    expect(JSON.parse((await metadataOf()) ?? 'null')).toEqual({ allowRecording: true });
    // A room nobody is in has no LiveKit room to tell; the setting is saved all the same.
    const empty = (
      await core.as(alice, { method: 'POST', url: '/rooms', payload: { title: 'Nobody here' } })
    ).json<Room>();
    const saved = await patch(empty.id, false);
    expect(saved.statusCode).toBe(200);
    expect(saved.json<Room>().allowRecording).toBe(false);
    expect(await client.listRooms([empty.id])).toEqual([]);
  });

  it('refuses someone who is not in the meeting, and anyone not signed in', async () => {
    const room = (
      await core.as(alice, { method: 'POST', url: '/rooms', payload: { title: 'Empty' } })
    ).json<Room>();
    const res = await core.as(bob, { method: 'POST', url: `/rooms/${room.id}/recording` });
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ error: { code: 'CONFLICT' } });
    expect((await core.app.inject({ method: 'POST', url: `/rooms/${room.id}/recording` })).statusCode).toBe(
      401,
    );
  });

  it('clears with the participant when the recorder leaves', async () => {
    const room = await roomWithBob();
    await core.as(bob, { method: 'POST', url: `/rooms/${room.id}/recording` });
    expect(await markOf(room.id, bob.user.id)).toBe('true');
    await bots.pop()?.leave();
    await expect.poll(() => markOf(room.id, bob.user.id), { timeout: 10_000 }).toBeUndefined();
  });
});
