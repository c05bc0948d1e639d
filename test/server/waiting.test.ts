// The waiting room: non-hosts wait, hosts see and decide, and the waiting client's long-poll
// answers as soon as the decision is made. Real LiveKit (tokens are minted on admission).
import { TokenVerifier } from 'livekit-server-sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JoinResult, Room, Session, WaitingRequest, WaitingStatus } from '../../common/api.js';
import { startCoreApp, type CoreApp } from '../support/core-app.js';
import { DIALECTS } from '../support/databases.js';
import { startLivekit } from '../support/livekit-only.js';
import type { Stack } from '../support/stack.js';

let stack: Stack;
beforeAll(async () => {
  stack = await startLivekit();
});
afterAll(() => stack?.stop());

const HOLD_MS = 4000;

describe.each(DIALECTS)('waiting room on %s', (dialect) => {
  let core: CoreApp;
  let alice: Session;
  let bob: Session;
  let room: Room;

  beforeAll(async () => {
    core = await startCoreApp(dialect, { stack, build: { waitingHoldMs: HOLD_MS } });
    for (const u of ['alice', 'bob']) await core.addUser(u);
    [alice, bob] = [await core.login('alice'), await core.login('bob')];
    room = (
      await core.as(alice, { method: 'POST', url: '/rooms', payload: { title: 'Lobby', waitingRoom: true } })
    ).json<Room>();
  });
  afterAll(() => core?.close());

  const poll = (ticket: string) => core.app.inject({ method: 'GET', url: `/waiting/${ticket}` });
  const waitingList = async () =>
    (await core.as(alice, { method: 'GET', url: `/rooms/${room.id}/waiting` })).json<WaitingRequest[]>();
  const decide = (requestId: string, decision: 'admit' | 'deny', session = alice) =>
    core.as(session, { method: 'POST', url: `/rooms/${room.id}/waiting/${requestId}/${decision}` });

  it('lets the host straight in, and makes others wait', async () => {
    const host = (await core.as(alice, { method: 'POST', url: `/rooms/${room.id}/join` })).json<JoinResult>();
    expect(host.status).toBe('admitted');
    const res = await core.as(bob, { method: 'POST', url: `/rooms/${room.id}/join` });
    expect(res.statusCode).toBe(200);
    const waiting = res.json<JoinResult>();
    expect(waiting).toEqual({ status: 'waiting', ticket: expect.any(String) });
  });

  it('answers a held long-poll as soon as the host admits, with a token for the waiting user', async () => {
    const { ticket } = (await core.as(bob, { method: 'POST', url: `/rooms/${room.id}/join` })).json<{
      ticket: string;
    }>();
    // The newest of Bob's requests is this one (the list is oldest first).
    const request = (await waitingList()).filter((r) => r.displayName === 'Bob Tester').at(-1);
    expect(request).toBeDefined();

    const started = Date.now();
    const pending = poll(ticket);
    await new Promise((r) => setTimeout(r, 300)); // the poll is now being held
    expect((await decide(request?.id ?? '', 'admit')).statusCode).toBe(204);
    const answer = await pending;
    const elapsed = Date.now() - started;
    expect(answer.statusCode).toBe(200);
    const status = answer.json<WaitingStatus>();
    expect(status.status).toBe('admitted');
    // Answered by the decision, not by the hold running out.
    expect(elapsed).toBeLessThan(HOLD_MS);
    if (status.status !== 'admitted') return;
    const claims = await new TokenVerifier(stack.keys.apiKey, stack.keys.apiSecret).verify(status.token);
    expect(claims.sub).toBe(bob.user.id);
    expect(claims.video?.room).toBe(room.id);
    expect(status.role).toBe('participant');
    expect((await waitingList()).map((r) => r.id)).not.toContain(request?.id);
  });

  it('tells a denied guest so, and a second decision on the same request is 404', async () => {
    const invite = (
      await core.as(alice, {
        method: 'POST',
        url: `/rooms/${room.id}/invites`,
        payload: { role: 'participant' },
      })
    ).json<{ invite: string }>().invite;
    const joined = await core.app.inject({
      method: 'POST',
      url: '/invites/join',
      payload: { invite, displayName: 'Door Knocker' },
    });
    const { ticket } = joined.json<{ ticket: string }>();
    const request = (await waitingList()).find((r) => r.displayName === 'Door Knocker');
    const pending = poll(ticket);
    expect((await decide(request?.id ?? '', 'deny')).statusCode).toBe(204);
    expect((await pending).json<WaitingStatus>()).toEqual({ status: 'denied' });
    expect((await decide(request?.id ?? '', 'admit')).statusCode).toBe(404);
  });

  it('answers "waiting" when nobody decides within the hold time', async () => {
    const { ticket } = (await core.as(bob, { method: 'POST', url: `/rooms/${room.id}/join` })).json<{
      ticket: string;
    }>();
    const started = Date.now();
    const res = await poll(ticket);
    expect(res.json<WaitingStatus>()).toEqual({ status: 'waiting' });
    expect(Date.now() - started).toBeGreaterThanOrEqual(HOLD_MS - 100);
  });

  it('keeps the waiting list and decisions to hosts, and refuses unknown tickets', async () => {
    const list = await core.as(bob, { method: 'GET', url: `/rooms/${room.id}/waiting` });
    expect(list.statusCode).toBe(403);
    const pendingId = (await waitingList())[0]?.id ?? 'none';
    expect((await decide(pendingId, 'admit', bob)).statusCode).toBe(403);
    expect((await poll('not-a-ticket')).statusCode).toBe(404);
    const tooLong = await poll('x'.repeat(250));
    expect([tooLong.statusCode, tooLong.json().error.code]).toEqual([400, 'VALIDATION']);
  });
});

describe('waiting tickets in logs', () => {
  it('are redacted from logged request paths, like invite links', async () => {
    const { loggerOptions } = await import('../../server/src/logger.js');
    const serialize = loggerOptions('info').serializers?.req as (req: { url: string }) => { path: string };
    expect(serialize({ url: '/waiting/secret-ticket?x=1' }).path).toBe('/waiting/[redacted]');
    expect(serialize({ url: '/join/secret-invite' }).path).toBe('/join/[redacted]');
    expect(serialize({ url: '/rooms/abc/waiting' }).path).toBe('/rooms/abc/waiting');
  });
});
