// Calls between colleagues on SQLite and PostgreSQL, against a real app server on a port with
// real push sockets: ringing on every device, answered/declined/cancelled/missed/do-not-disturb/
// busy outcomes on both sides and in the records, adding a colleague, the missed-calls count,
// and the call.started / call.missed webhooks.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { CreatedWebhookEndpoint, Room, RoomList, Session } from '../../common/api.js';
import type { CallList, CallView, MissedCount } from '../../common/calls.js';
import { startCoreApp, type CoreApp } from '../support/core-app.js';
import { DIALECTS } from '../support/databases.js';
import { connectPush, type TestPushClient } from '../support/push-client.js';
import { startWebhookReceiver, type WebhookReceiverServer } from '../support/webhook-receiver.js';

const RING_MS = 1200;

describe.each(DIALECTS)('calls on %s', (dialect) => {
  let core: CoreApp;
  let url: string;
  let receiver: WebhookReceiverServer;
  let admin: Session;
  let bob: Session;
  let carol: Session;
  let dave: Session;
  const sockets: TestPushClient[] = [];

  beforeAll(async () => {
    core = await startCoreApp(dialect, {
      env: { CONVENE_CALL_RING_TIMEOUT_MS: String(RING_MS) },
      build: { webhooks: { pollIntervalMs: 50 } },
    });
    url = await core.app.listen({ host: '127.0.0.1', port: 0 });
    await core.addUser('admin', { isAdmin: true });
    for (const u of ['bob', 'carol', 'dave']) await core.addUser(u);
    admin = await core.login('admin');
    bob = await core.login('bob');
    carol = await core.login('carol');
    dave = await core.login('dave');
    receiver = await startWebhookReceiver();
    const hook = await core.as(admin, {
      method: 'POST',
      url: '/admin/webhooks',
      payload: { url: receiver.url, events: ['call.started', 'call.missed'] },
    });
    expect(hook.json<CreatedWebhookEndpoint>().events).toEqual(['call.started', 'call.missed']);
  });
  afterEach(async () => {
    await Promise.all(sockets.splice(0).map((s) => s.close()));
    for (const who of [bob, carol, dave]) await setPresence(who, { status: 'available', inMeeting: false });
  });
  afterAll(async () => {
    await core?.close();
    await receiver?.close();
  });

  const push = async (session: Session) => {
    const client = await connectPush(url, session.accessToken);
    sockets.push(client);
    return client;
  };
  const place = async (from: Session, to: Session[], video = true) => {
    const res = await core.as(from, {
      method: 'POST',
      url: '/calls',
      payload: { callees: to.map((s) => s.user.id), video },
    });
    expect(res.statusCode).toBe(201);
    return res.json<CallView>();
  };
  const act = (who: Session, call: CallView, action: string, payload: object = {}) =>
    core.as(who, { method: 'POST', url: `/calls/${call.id}/${action}`, payload });
  const setPresence = (who: Session, payload: object) =>
    core.as(who, { method: 'PUT', url: '/presence', payload });
  const sentFor = (call: CallView) =>
    receiver.received
      .map((r) => JSON.parse(r.body) as { type: string; data: { callId: string } })
      .filter((b) => b.data.callId === call.id);
  const record = async (call: CallView) =>
    (await core.as(admin, { method: 'GET', url: '/cdr/calls?limit=100' }))
      .json<CallList>()
      .calls.find((c) => c.id === call.id);

  it('rings every device of the callee; answering on one stops the other and tells the caller', async () => {
    const caller = await push(bob);
    const [phone, laptop] = [await push(carol), await push(carol)];
    const call = await place(bob, [carol]);
    const [ringA, ringB] = await Promise.all(
      [phone, laptop].map((d) => d.waitFor('call.ringing', (e) => e.ring.callId === call.id)),
    );
    expect(ringA).toEqual(ringB);
    expect(ringA?.ring).toMatchObject({ caller: { username: 'bob' }, silent: false, video: true });

    const answered = await act(carol, call, 'answer');
    expect(answered.statusCode).toBe(200);
    for (const device of [phone, laptop]) {
      await device.waitFor('call.stopped', (e) => e.callId === call.id && e.outcome === 'answered');
    }
    await caller.waitFor('call.updated', (e) => e.call.id === call.id && e.call.answered);
    // The second device answering too just lets it in; declining now is too late.
    expect((await act(carol, call, 'answer')).statusCode).toBe(200);
    expect((await act(carol, call, 'decline')).statusCode).toBe(409);

    // The call is a one-time room of its own: members may open it, others may not.
    const room = await core.as(carol, { method: 'GET', url: `/rooms/${call.roomId}` });
    expect(room.json<Room>()).toMatchObject({ kind: 'one-time', ownerId: bob.user.id });
    expect((await core.as(dave, { method: 'GET', url: `/rooms/${call.roomId}` })).statusCode).toBe(403);

    const cdr = await record(call);
    expect(cdr?.parties[0]).toMatchObject({ username: 'carol', outcome: 'answered' });
    expect(cdr?.parties[0]?.ringMs).toBeGreaterThanOrEqual(0);
    await expect
      .poll(() => sentFor(call))
      .toContainEqual(
        expect.objectContaining({
          type: 'call.started',
          data: expect.objectContaining({ answeredBy: carol.user.id }),
        }),
      );
  });

  it('a decline with a message stops the ringing and reaches the caller', async () => {
    const caller = await push(bob);
    const callee = await push(carol);
    const call = await place(bob, [carol]);
    await callee.waitFor('call.ringing', (e) => e.ring.callId === call.id);
    expect((await act(carol, call, 'decline', { message: 'In a workshop, later?' })).statusCode).toBe(200);
    await callee.waitFor('call.stopped', (e) => e.callId === call.id && e.outcome === 'declined');
    const update = await caller.waitFor('call.updated', (e) => e.call.id === call.id && e.call.settled);
    expect(update.call.parties[0]).toMatchObject({ outcome: 'declined', message: 'In a workshop, later?' });
    expect((await record(call))?.parties[0]?.outcome).toBe('declined');
  });

  it('the caller cancels: every callee stops ringing, recorded as cancelled', async () => {
    const [c, d] = [await push(carol), await push(dave)];
    const call = await place(bob, [carol, dave]);
    await Promise.all([c, d].map((x) => x.waitFor('call.ringing', (e) => e.ring.callId === call.id)));
    expect((await act(carol, call, 'cancel')).statusCode).toBe(403);
    expect((await act(bob, call, 'cancel')).statusCode).toBe(200);
    for (const x of [c, d])
      await x.waitFor('call.stopped', (e) => e.callId === call.id && e.outcome === 'cancelled');
    expect((await record(call))?.parties.map((p) => p.outcome)).toEqual(['cancelled', 'cancelled']);
  });

  it('an unanswered call becomes missed after the ring time, counted and sent as call.missed', async () => {
    const before = (await core.as(carol, { method: 'GET', url: '/calls/missed/count' })).json<MissedCount>()
      .count;
    const caller = await push(bob);
    const callee = await push(carol);
    const call = await place(bob, [carol]);
    await callee.waitFor('call.ringing', (e) => e.ring.callId === call.id);
    await callee.waitFor(
      'call.stopped',
      (e) => e.callId === call.id && e.outcome === 'missed',
      RING_MS + 8000,
    );
    await caller.waitFor('call.updated', (e) => e.call.id === call.id && e.call.settled);
    const count = await callee.waitFor('calls.missed', (e) => e.count === before + 1);
    expect(count.count).toBe(before + 1);
    const cdr = await record(call);
    expect(cdr?.parties[0]?.outcome).toBe('missed');
    expect(cdr?.parties[0]?.ringMs).toBeGreaterThanOrEqual(RING_MS);
    await expect
      .poll(() => sentFor(call))
      .toContainEqual(
        expect.objectContaining({
          type: 'call.missed',
          data: expect.objectContaining({ calleeId: carol.user.id, outcome: 'missed' }),
        }),
      );
    const seen = await core.as(carol, { method: 'POST', url: '/calls/missed/seen' });
    expect(seen.json<MissedCount>()).toEqual({ count: 0 });
    const missedList = (await core.as(carol, { method: 'GET', url: '/calls?missed=true' })).json<CallList>();
    expect(missedList.calls.map((c) => c.id)).toContain(call.id);
  });

  it('do-not-disturb turns the call into a missed call without ringing', async () => {
    await setPresence(carol, { status: 'dnd' });
    const callee = await push(carol);
    const call = await place(bob, [carol]);
    expect(call.parties[0]).toMatchObject({ outcome: 'missed', ringMs: 0 });
    await callee.waitFor('calls.missed');
    expect(callee.events.some((d) => d.event.type === 'call.ringing')).toBe(false);
  });

  it('someone in a meeting is rung silently, and busy when they do not answer', async () => {
    await setPresence(carol, { inMeeting: true });
    const callee = await push(carol);
    const call = await place(bob, [carol]);
    const ring = await callee.waitFor('call.ringing', (e) => e.ring.callId === call.id);
    expect(ring.ring.silent).toBe(true);
    await callee.waitFor('call.stopped', (e) => e.callId === call.id && e.outcome === 'busy', RING_MS + 8000);
    expect((await record(call))?.parties[0]?.outcome).toBe('busy');
  });

  it('anyone in the call adds a colleague, who is rung the same way', async () => {
    const d = await push(dave);
    const call = await place(bob, [carol]);
    expect((await act(dave, call, 'add', { userId: dave.user.id })).statusCode).toBe(404);
    expect((await act(carol, call, 'answer')).statusCode).toBe(200);
    const added = await act(carol, call, 'add', { userId: dave.user.id });
    expect(added.statusCode).toBe(200);
    const ring = await d.waitFor('call.ringing', (e) => e.ring.callId === call.id);
    expect(ring.ring.others).toEqual(expect.arrayContaining(['Carol Tester']));
    expect(added.json<CallView>().parties.find((p) => p.username === 'dave')).toMatchObject({
      outcome: 'ringing',
      invitedBy: carol.user.id,
    });
    expect((await core.as(dave, { method: 'GET', url: `/rooms/${call.roomId}` })).statusCode).toBe(200);
    expect((await act(dave, call, 'answer')).statusCode).toBe(200);
  });

  it("a call's room is not among the rooms of anyone in it, nor their upcoming ones", async () => {
    const mine = await core.as(bob, {
      method: 'POST',
      url: '/rooms',
      payload: {
        title: 'Standup',
        kind: 'one-time',
        startsAt: new Date(Date.now() + 3_600_000).toISOString(),
      },
    });
    expect(mine.statusCode).toBe(201);
    const call = await place(bob, [carol]);
    expect((await act(carol, call, 'answer')).statusCode).toBe(200);
    // The room exists and its members may open it...
    expect((await core.as(carol, { method: 'GET', url: `/rooms/${call.roomId}` })).statusCode).toBe(200);
    // ...but neither the caller's nor the callee's lists show it; the caller's own room stays.
    for (const [who, filter] of [
      [bob, 'mine'],
      [bob, 'upcoming'],
      [carol, 'mine'],
      [carol, 'upcoming'],
    ] as const) {
      const list = (await core.as(who, { method: 'GET', url: `/rooms?filter=${filter}` })).json<RoomList>();
      expect(
        list.rooms.map((r) => r.id),
        `${who.user.username} ${filter}`,
      ).not.toContain(call.roomId);
      if (who === bob) expect(list.rooms.map((r) => r.id)).toContain(mine.json<Room>().id);
    }
  });

  it('refuses bad input with coded errors', async () => {
    const self = await core.as(bob, { method: 'POST', url: '/calls', payload: { callees: [bob.user.id] } });
    expect(self.json()).toMatchObject({ error: { code: 'VALIDATION' } });
    const nobody = await core.as(bob, {
      method: 'POST',
      url: '/calls',
      payload: { callees: ['no-such-user'] },
    });
    expect(nobody.statusCode).toBe(404);
    const tooMany = await core.as(bob, { method: 'POST', url: '/calls', payload: { callees: [] } });
    expect(tooMany.statusCode).toBe(400);
    const other = await core.as(dave, { method: 'GET', url: '/calls/does-not-exist' });
    expect(other.statusCode).toBe(404);
  });
});
