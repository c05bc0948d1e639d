// Rooms, joining, invites and moderation through the contract's handlers, against the real app
// server and LiveKit: the renderer gets exactly { url, token, role, room } and nothing secret.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestStack, type Stack } from '../support/stack.js';
import { startHarness, type Harness } from './support/desktop-harness.js';

describe('rooms through the contract handlers', () => {
  let stack: Stack;
  let host: Harness;
  beforeAll(async () => {
    stack = await startTestStack({ CONVENE_SEED_DEMO: '1' });
    // The keychain is covered elsewhere; memory keeps this test independent of a Secret Service.
    host = await startHarness({ keytar: undefined, encryption: undefined });
    await host.services.auth.signIn(stack.appUrl, 'alice', 'convene-demo');
  });
  afterAll(async () => {
    host?.services.dispose();
    await stack?.stop();
  });

  it('creates a room, lists it, and joins with only what LiveKit needs', async () => {
    const { handlers } = host.services;
    const room = await handlers['rooms.create']({ title: 'Desktop shell sync', kind: 'permanent' });
    expect(room).toMatchObject({ title: 'Desktop shell sync', myRole: 'host' });
    expect((await handlers['rooms.list']({ filter: 'mine' })).map((r) => r.id)).toContain(room.id);
    expect(await handlers['rooms.get']({ room: room.id })).toMatchObject({ id: room.id });

    const joined = await handlers['rooms.join']({ room: room.id });
    expect(joined.status).toBe('admitted');
    expect(Object.keys(joined).sort()).toEqual(['role', 'room', 'status', 'token', 'url']);
    if (joined.status !== 'admitted') return;
    expect(joined.url).toBe(stack.livekitUrl);
    expect(joined.role).toBe('host');
    const refreshToken = await host.services.credentials.get(`${stack.appUrl}|alice`);
    expect(JSON.stringify(joined)).not.toContain(refreshToken);
    expect(JSON.stringify(joined)).not.toContain(stack.keys.apiSecret);
  });

  it('lets a guest join with an invite, without signing in', async () => {
    const { handlers } = host.services;
    const room = await handlers['rooms.create']({ title: 'Guest room', kind: 'permanent' });
    const invite = await handlers['rooms.createInvite']({
      room: room.id,
      invite: { role: 'viewer', expiresInMinutes: 60 },
    });
    const guest = await startHarness({ keytar: undefined, encryption: undefined });
    const joined = await guest.services.handlers['guest.join']({
      serverUrl: stack.appUrl,
      invite: invite.invite,
      displayName: 'Visitor',
    });
    expect(joined).toMatchObject({ status: 'admitted', role: 'viewer', room: { id: room.id } });
    await expect(
      guest.services.handlers['guest.join']({
        serverUrl: stack.appUrl,
        invite: 'forged-invite',
        displayName: 'X',
      }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    guest.services.dispose();
  });

  it('a guest waits, the host admits, and the guest gets a grant from the invite server', async () => {
    const { handlers } = host.services;
    const room = await handlers['rooms.create']({
      title: 'Lobby room',
      kind: 'permanent',
      waitingRoom: true,
    });
    const invite = await handlers['rooms.createInvite']({
      room: room.id,
      invite: { role: 'participant', expiresInMinutes: 60 },
    });
    // A fresh install: no server configured, only the one named by the invite link.
    const guest = await startHarness({ keytar: undefined, encryption: undefined });
    const asked = await guest.services.handlers['guest.join']({
      serverUrl: stack.appUrl,
      invite: invite.invite,
      displayName: 'Waiting Visitor',
    });
    expect(asked.status).toBe('waiting');
    if (asked.status !== 'waiting') return;
    const answer = guest.services.handlers['rooms.waitForAdmission']({ ticket: asked.ticket });

    const waiting = await handlers['moderation.waitingList']({ room: room.id });
    expect(waiting.map((w) => w.displayName)).toEqual(['Waiting Visitor']);
    await handlers['moderation.admit']({ room: room.id, requestId: waiting[0]?.id ?? '' });
    expect(await answer).toMatchObject({ status: 'admitted', role: 'participant', url: stack.livekitUrl });
    guest.services.dispose();
  });

  it('reads moderation lists and refuses non-hosts with the server code', async () => {
    const { handlers } = host.services;
    const room = await handlers['rooms.create']({ title: 'Moderated', kind: 'permanent', waitingRoom: true });
    expect(await handlers['moderation.participants']({ room: room.id })).toEqual([]);
    expect(await handlers['moderation.waitingList']({ room: room.id })).toEqual([]);
    await handlers['moderation.setLocked']({ room: room.id, locked: true });
    expect((await handlers['rooms.get']({ room: room.id })).locked).toBe(true);

    const bob = await startHarness({ keytar: undefined, encryption: undefined });
    await bob.services.auth.signIn(stack.appUrl, 'bob', 'convene-demo');
    await expect(bob.services.handlers['moderation.end']({ room: room.id })).rejects.toMatchObject({
      code: expect.stringMatching(/FORBIDDEN|NOT_FOUND/),
    });
    bob.services.dispose();
  });
});
