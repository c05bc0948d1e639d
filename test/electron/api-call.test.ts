// The renderer's one way to the app server, `api.call`, through the contract's handlers against
// the real app server and LiveKit: main validates against the route table and adds the access
// token; the renderer gets exactly what the table names (for a join { url, token, role, room })
// and nothing secret, and may not call the routes that carry the refresh token.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Api, CallArgs, ResponseOf } from '../../common/api.js';
import type { RendererRouteId } from '../../electron/contract.js';
import { dispatch } from '../../electron/ipc.js';
import { startTestStack, type Stack } from '../support/stack.js';
import { startHarness, type Harness } from './support/desktop-harness.js';
import { memoryLog } from './support/memory-log.js';

/** What the renderer's Platform.call does: one `api.call` with a route id and its arguments. */
function caller(h: Harness) {
  return <Id extends RendererRouteId>(route: Id, args?: CallArgs<Api[Id]>, serverUrl?: string) =>
    h.services.handlers['api.call']({
      route,
      ...(args ? { args: args as never } : {}),
      ...(serverUrl ? { serverUrl } : {}),
    }) as Promise<ResponseOf<Api[Id]>>;
}

describe('api.call through the contract handlers', () => {
  let stack: Stack;
  let host: Harness;
  let call: ReturnType<typeof caller>;
  beforeAll(async () => {
    stack = await startTestStack({ CONVENE_SEED_DEMO: '1' });
    // The keychain is covered elsewhere; memory keeps this test independent of a Secret Service.
    host = await startHarness({ keytar: undefined, encryption: undefined });
    await host.services.auth.signIn(stack.appUrl, 'alice', 'convene-demo');
    call = caller(host);
  });
  afterAll(async () => {
    host?.services.dispose();
    await stack?.stop();
  });

  it('creates a room, lists it, and joins with only what LiveKit needs', async () => {
    const room = await call('rooms.create', { body: { title: 'Desktop shell sync' } });
    expect(room).toMatchObject({ title: 'Desktop shell sync', myRole: 'host', kind: 'permanent' });
    expect((await call('rooms.list')).rooms.map((r) => r.id)).toContain(room.id);
    expect(await call('rooms.get', { params: { id: room.slug } })).toMatchObject({ id: room.id });

    const joined = await call('rooms.join', { params: { id: room.id } });
    expect(joined.status).toBe('admitted');
    expect(Object.keys(joined).sort()).toEqual(['role', 'room', 'status', 'token', 'url']);
    if (joined.status !== 'admitted') return;
    expect(joined.url).toBe(stack.livekitUrl);
    expect(joined.role).toBe('host');
    const refreshToken = await host.services.credentials.get(`${stack.appUrl}|alice`);
    expect(JSON.stringify(joined)).not.toContain(refreshToken);
    expect(JSON.stringify(joined)).not.toContain(stack.keys.apiSecret);
  });

  it('refuses the routes that carry the refresh token, and arguments that break the table', async () => {
    const { log } = memoryLog();
    const ipc = (args: unknown) =>
      dispatch(host.services.handlers, 'api.call', args, 'app://convene/index.html', {}, log);
    for (const route of ['auth.refresh', 'auth.login', 'auth.logout', 'livekit.webhook', 'no.such']) {
      expect(await ipc({ route, args: {} }), route).toMatchObject({
        ok: false,
        error: { code: 'INVALID_ARGUMENT' },
      });
    }
    // The same limits as the server's: a room id of 101 characters never leaves main.
    const tooLong = await ipc({ route: 'rooms.get', args: { params: { id: 'x'.repeat(101) } } });
    expect(tooLong).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } });
    expect(JSON.stringify(tooLong)).toContain('params.id');
    const badBody = await ipc({ route: 'rooms.create', args: { body: { title: 'x', admin: true } } });
    expect(badBody).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } });
    // A signed-in call goes to the signed-in server only.
    const elsewhere = await ipc({ route: 'rooms.list', serverUrl: 'https://elsewhere.example' });
    expect(elsewhere).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } });
  });

  it('lets a guest join with an invite, without signing in', async () => {
    const room = await call('rooms.create', { body: { title: 'Guest room' } });
    const invite = await call('invites.create', {
      params: { id: room.id },
      body: { role: 'viewer', expiresInMinutes: 60 },
    });
    const guest = await startHarness({ keytar: undefined, encryption: undefined });
    const guestCall = caller(guest);
    const joined = await guestCall(
      'guest.join',
      { body: { invite: invite.invite, displayName: 'Visitor' } },
      stack.appUrl,
    );
    expect(joined).toMatchObject({ status: 'admitted', role: 'viewer', room: { id: room.id } });
    await expect(
      guestCall('guest.join', { body: { invite: 'forged-invite', displayName: 'X' } }, stack.appUrl),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    // Without sign-in, only public routes: the token is main's to add, and there is none.
    await expect(guestCall('rooms.list')).rejects.toMatchObject({ code: 'NOT_SIGNED_IN' });
    guest.services.dispose();
  });

  it('a guest waits, the host admits, and the guest gets a grant from the invite server', async () => {
    const room = await call('rooms.create', { body: { title: 'Lobby room', waitingRoom: true } });
    const invite = await call('invites.create', {
      params: { id: room.id },
      body: { role: 'participant', expiresInMinutes: 60 },
    });
    // A fresh install: no server configured, only the one named by the invite link.
    const guest = await startHarness({ keytar: undefined, encryption: undefined });
    const guestCall = caller(guest);
    const asked = await guestCall(
      'guest.join',
      { body: { invite: invite.invite, displayName: 'Waiting Visitor' } },
      stack.appUrl,
    );
    expect(asked.status).toBe('waiting');
    if (asked.status !== 'waiting') return;
    const answer = guestCall('waiting.poll', { params: { ticket: asked.ticket } }, stack.appUrl);

    const waiting = await call('waiting.list', { params: { id: room.id } });
    expect(waiting.map((w) => w.displayName)).toEqual(['Waiting Visitor']);
    await call('waiting.admit', { params: { id: room.id, requestId: waiting[0]?.id ?? '' } });
    expect(await answer).toMatchObject({ status: 'admitted', role: 'participant', url: stack.livekitUrl });
    guest.services.dispose();
  });

  it('reads moderation lists and refuses non-hosts with the server code', async () => {
    const room = await call('rooms.create', { body: { title: 'Moderated', waitingRoom: true } });
    const params = { id: room.id };
    expect(await call('moderation.participants', { params })).toEqual([]);
    expect(await call('waiting.list', { params })).toEqual([]);
    await call('moderation.lock', { params, body: { locked: true } });
    expect((await call('rooms.get', { params })).locked).toBe(true);

    const bob = await startHarness({ keytar: undefined, encryption: undefined });
    await bob.services.auth.signIn(stack.appUrl, 'bob', 'convene-demo');
    await expect(caller(bob)('moderation.end', { params })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    bob.services.dispose();
  });
});
