// The push channel against a real app server listening on a port, on SQLite and PostgreSQL:
// authentication and renewal over the socket, events in order, and resuming after a dropped
// connection with every event sent meanwhile arriving exactly once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Room, Session } from '../../common/api.js';
import { PushClose } from '../../common/push.js';
import { startCoreApp, type CoreApp } from '../support/core-app.js';
import { DIALECTS } from '../support/databases.js';
import { connectPush } from '../support/push-client.js';

describe.each(DIALECTS)('push channel on %s', (dialect) => {
  let core: CoreApp;
  let url: string;
  let alice: Session;
  let bob: Session;

  beforeAll(async () => {
    core = await startCoreApp(dialect, { build: { push: { authTimeoutMs: 500, pingMs: 1000 } } });
    url = await core.app.listen({ host: '127.0.0.1', port: 0 });
    for (const u of ['alice', 'bob']) await core.addUser(u);
    [alice, bob] = [await core.login('alice'), await core.login('bob')];
  });
  afterAll(() => core?.close());

  const knock = (roomId: string, n: number) =>
    core.app.push.hub.publish(alice.user.id, {
      type: 'waiting.knock',
      roomId,
      requestId: `r${n}`,
      displayName: `Guest ${n}`,
    });

  it('closes a socket that does not authenticate in time, or with a bad token', async () => {
    const { default: WebSocket } = await import('ws');
    const silent = new WebSocket(`${url.replace('http', 'ws')}/push`);
    const code = await new Promise<number>((resolve) => silent.on('close', (c) => resolve(c)));
    expect(code).toBe(PushClose.AUTH);
    await expect(connectPush(url, 'not-a-token')).rejects.toThrow(/4401/);
  });

  it('delivers events in order, only to their user', async () => {
    const a = await connectPush(url, alice.accessToken);
    const b = await connectPush(url, bob.accessToken);
    for (let n = 1; n <= 3; n++) await knock('room-1', n);
    await a.waitFor('waiting.knock', (e) => e.requestId === 'r3');
    expect(a.events.map((d) => d.event)).toEqual(
      [1, 2, 3].map((n) => ({
        type: 'waiting.knock',
        roomId: 'room-1',
        requestId: `r${n}`,
        displayName: `Guest ${n}`,
      })),
    );
    const ids = a.events.map((d) => d.id);
    expect(ids).toEqual([...ids].sort((x, y) => x - y));
    expect(b.events).toEqual([]);
    await Promise.all([a.close(), b.close()]);
  });

  it('resumes after a dropped connection: what was sent meanwhile arrives once each', async () => {
    const first = await connectPush(url, alice.accessToken);
    expect(first.through).toBeUndefined(); // a fresh connection starts at now: nothing to catch up
    await knock('room-2', 10);
    await first.waitFor('waiting.knock', (e) => e.requestId === 'r10');
    const seen = first.lastId;
    first.socket.terminate(); // as a network drop: no close handshake
    await first.closed;
    for (let n = 11; n <= 15; n++) await knock('room-2', n);
    const again = await connectPush(url, alice.accessToken, seen);
    expect(again.through).toBe(seen + 5); // the catch-up ends at the last event sent meanwhile
    await again.waitFor('waiting.knock', (e) => e.requestId === 'r15');
    await knock('room-2', 16);
    await again.waitFor('waiting.knock', (e) => e.requestId === 'r16');
    const requests = again.events.map((d) =>
      d.event.type === 'waiting.knock' ? d.event.requestId : d.event.type,
    );
    expect(requests).toEqual(['r11', 'r12', 'r13', 'r14', 'r15', 'r16']);
    expect(again.events[0]?.id).toBe(seen + 1);
    await again.close();
    // Resumed with nothing waiting: no catch-up.
    const idle = await connectPush(url, alice.accessToken, again.lastId);
    expect(idle.through).toBeUndefined();
    await idle.close();
  });

  it('renews the token over the socket, and refuses a token of someone else', async () => {
    const a = await connectPush(url, alice.accessToken);
    const renewed = await core.login('alice');
    const answer = new Promise<string>((resolve) => a.socket.once('message', (d) => resolve(String(d))));
    a.send({ kind: 'renew', token: renewed.accessToken });
    expect(JSON.parse(await answer)).toMatchObject({ kind: 'renewed', tokenExpiresAt: expect.any(String) });
    a.send({ kind: 'renew', token: bob.accessToken });
    expect((await a.closed).code).toBe(PushClose.AUTH);
    const b = await connectPush(url, bob.accessToken);
    b.send({ kind: 'nonsense' });
    expect((await b.closed).code).toBe(PushClose.PROTOCOL);
  });

  it('tells the host of a waiting room that someone knocks', async () => {
    const room = (
      await core.as(alice, { method: 'POST', url: '/rooms', payload: { title: 'Knock', waitingRoom: true } })
    ).json<Room>();
    const host = await connectPush(url, alice.accessToken);
    // Bob's join waits; it needs no LiveKit (the token comes only on admission).
    const res = await core.as(bob, { method: 'POST', url: `/rooms/${room.id}/join` });
    expect(res.json()).toMatchObject({ status: 'waiting' });
    const event = await host.waitFor('waiting.knock', (e) => e.roomId === room.id);
    expect(event.displayName).toBe('Bob Tester');
    await host.close();
  });

  it('counts a user with a push connection as online', async () => {
    expect(await core.app.push.registry.online([bob.user.id])).toEqual(new Set());
    const b = await connectPush(url, bob.accessToken);
    expect(await core.app.push.registry.online([bob.user.id])).toEqual(new Set([bob.user.id]));
    await b.close();
    await expect.poll(() => core.app.push.registry.online([bob.user.id])).toEqual(new Set());
  });
});
