// Two app server processes on one PostgreSQL database: an event published through one reaches a
// client connected to the other (LISTEN/NOTIFY), and a call placed through one rings a client of
// the other. Real processes, real PostgreSQL; LiveKit is not needed for ringing.
import { describe, expect, it } from 'vitest';
import type { CallView } from '../../common/calls.js';
import { loginDemo as login, postJson as post } from '../support/app-server-process.js';
import { connectPush } from '../support/push-client.js';
import { twoAppServersOnPostgres } from '../support/two-app-servers.js';

const servers = twoAppServersOnPostgres();

describe('two app servers on one PostgreSQL', () => {
  it('a call placed through one rings a client connected to the other, and the answer comes back', async () => {
    const [a, b] = servers().servers;
    const bob = await login(a.url, 'bob');
    const carol = await login(b.url, 'carol');
    const bobPush = await connectPush(a.url, bob.accessToken);
    const carolPush = await connectPush(b.url, carol.accessToken);

    const call = await post<CallView>(a.url, '/calls', { callees: [carol.user.id] }, bob.accessToken);
    const ring = await carolPush.waitFor('call.ringing', (e) => e.ring.callId === call.id);
    expect(ring.ring.caller.username).toBe('bob');

    await post(b.url, `/calls/${call.id}/answer`, {}, carol.accessToken);
    const update = await bobPush.waitFor('call.updated', (e) => e.call.id === call.id && e.call.answered);
    expect(update.call.parties[0]).toMatchObject({ username: 'carol', outcome: 'answered' });
    await carolPush.waitFor('call.stopped', (e) => e.callId === call.id && e.outcome === 'answered');
    await Promise.all([bobPush.close(), carolPush.close()]);
  });

  it('a client on either server resumes from the shared log after switching servers', async () => {
    const [a, b] = servers().servers;
    const carol = await login(a.url, 'carol');
    const bob = await login(a.url, 'bob');
    const onA = await connectPush(a.url, carol.accessToken);
    const seen = onA.lastId;
    await onA.close();
    // While carol is away, bob calls twice and cancels both.
    for (let i = 0; i < 2; i++) {
      const call = await post<CallView>(a.url, '/calls', { callees: [carol.user.id] }, bob.accessToken);
      await post(a.url, `/calls/${call.id}/cancel`, {}, bob.accessToken);
    }
    const onB = await connectPush(b.url, carol.accessToken, seen);
    await expect.poll(() => onB.events.filter((d) => d.event.type === 'call.stopped').length).toBe(2);
    const ids = onB.events.map((d) => d.id);
    expect(ids[0]).toBe(seen + 1);
    expect(new Set(ids).size).toBe(ids.length);
    await onB.close();
  });

  it("a colleague's presence set through one server reaches a client of the other", async () => {
    const [a, b] = servers().servers;
    const bob = await login(a.url, 'bob');
    const alice = await login(b.url, 'alice');
    const bobPush = await connectPush(a.url, bob.accessToken, undefined, { presence: true });
    const alicePush = await connectPush(b.url, alice.accessToken);
    const ofAlice = () => bobPush.presence.filter((c) => c.userId === alice.user.id).map((c) => c.presence);
    await bobPush.waitForPresence(() => ofAlice().includes('available'));
    const res = await fetch(`${b.url}/presence`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${alice.accessToken}` },
      body: JSON.stringify({ status: 'dnd' }),
    });
    expect(res.status).toBe(200);
    await bobPush.waitForPresence(() => ofAlice().at(-1) === 'dnd');
    await alicePush.close();
    await bobPush.waitForPresence(() => ofAlice().at(-1) === 'offline');
    await bobPush.close();
  });
});
