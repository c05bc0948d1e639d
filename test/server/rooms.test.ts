// Rooms CRUD, members, invites and their permissions, on both SQLite and PostgreSQL.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Invite, MemberList, Room, RoomList, type Session } from '../../common/api.js';
import { DIALECTS } from '../support/databases.js';
import { startCoreApp, type CoreApp } from '../support/core-app.js';

describe.each(DIALECTS)('rooms on %s', (dialect) => {
  let core: CoreApp;
  let alice: Session;
  let bob: Session;
  let carol: Session;

  beforeAll(async () => {
    core = await startCoreApp(dialect);
    await Promise.all(['alice', 'bob', 'carol'].map((u) => core.addUser(u)));
    [alice, bob, carol] = [await core.login('alice'), await core.login('bob'), await core.login('carol')];
  });
  afterAll(() => core?.close());

  const create = (session: Session, payload: object) =>
    core.as(session, { method: 'POST', url: '/rooms', payload });

  it('creates a room owned by the caller as host, reachable by id and by slug', async () => {
    const res = await create(alice, { title: 'Weekly sync', slug: 'weekly-sync', waitingRoom: true });
    expect(res.statusCode).toBe(201);
    const room = Room.parse(res.json());
    expect(room).toMatchObject({
      slug: 'weekly-sync',
      title: 'Weekly sync',
      kind: 'permanent',
      myRole: 'host',
      locked: false,
      waitingRoom: true,
      maxParticipants: null,
    });
    for (const key of [room.id, 'weekly-sync']) {
      const got = await core.as(alice, { method: 'GET', url: `/rooms/${key}` });
      expect(got.json<Room>().id).toBe(room.id);
    }
    // A permanent room is open to any signed-in user, as a participant.
    const asBob = await core.as(bob, { method: 'GET', url: '/rooms/weekly-sync' });
    expect(asBob.json<Room>().myRole).toBe('participant');
  });

  it('derives a slug from the title and refuses a taken one with 409', async () => {
    const res = await create(alice, { title: 'Design Review!' });
    expect(res.json<Room>().slug).toMatch(/^design-review-[0-9a-f]{6}$/);
    const again = await create(bob, { title: 'x', slug: 'weekly-sync' });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('CONFLICT');
  });

  it('keeps one-time rooms to owner and members, and lists mine and upcoming', async () => {
    const startsAt = new Date(Date.now() + 3600_000).toISOString();
    const endsAt = new Date(Date.now() + 7200_000).toISOString();
    const room = (
      await create(alice, { title: 'Interview', kind: 'one-time', startsAt, endsAt })
    ).json<Room>();
    expect((await core.as(carol, { method: 'GET', url: `/rooms/${room.id}` })).statusCode).toBe(403);

    const add = await core.as(alice, {
      method: 'POST',
      url: `/rooms/${room.id}/members`,
      payload: { username: 'carol', role: 'viewer' },
    });
    expect(add.statusCode).toBe(201);
    expect(add.json()).toMatchObject({ username: 'carol', role: 'viewer' });
    expect((await core.as(carol, { method: 'GET', url: `/rooms/${room.id}` })).json<Room>().myRole).toBe(
      'viewer',
    );

    const mine = RoomList.parse((await core.as(carol, { method: 'GET', url: '/rooms?filter=mine' })).json());
    expect(mine.rooms.map((r) => r.id)).toEqual([room.id]);
    const upcoming = (
      await core.as(alice, { method: 'GET', url: '/rooms?filter=upcoming' })
    ).json<RoomList>();
    expect(upcoming.rooms.map((r) => r.id)).toEqual([room.id]);

    const members = MemberList.parse(
      (await core.as(carol, { method: 'GET', url: `/rooms/${room.id}/members` })).json(),
    );
    expect(members.members.map((m) => [m.username, m.role])).toEqual([['carol', 'viewer']]);
    // Carol is a viewer: she may not manage members.
    const carolAdds = await core.as(carol, {
      method: 'POST',
      url: `/rooms/${room.id}/members`,
      payload: { username: 'bob', role: 'host' },
    });
    expect(carolAdds.statusCode).toBe(403);

    const carolId = members.members[0]?.userId ?? '';
    const removed = await core.as(alice, { method: 'DELETE', url: `/rooms/${room.id}/members/${carolId}` });
    expect(removed.statusCode).toBe(204);
    expect((await core.as(carol, { method: 'GET', url: `/rooms/${room.id}` })).statusCode).toBe(403);
  });

  it('lets hosts edit, only the owner delete, and changes only the fields sent', async () => {
    const room = (await create(alice, { title: 'Standup', kind: 'one-time' })).json<Room>();
    const byBob = await core.as(bob, {
      method: 'PATCH',
      url: `/rooms/${room.id}`,
      payload: { title: 'Mine now' },
    });
    expect(byBob.statusCode).toBe(403);
    await core.as(alice, {
      method: 'POST',
      url: `/rooms/${room.id}/members`,
      payload: { username: 'bob', role: 'host' },
    });
    const patched = await core.as(bob, {
      method: 'PATCH',
      url: `/rooms/${room.id}`,
      payload: { title: 'Daily standup', maxParticipants: 8 },
    });
    expect(patched.statusCode).toBe(200);
    // kind has a default in the create schema; a PATCH without it must not reset it.
    expect(patched.json<Room>()).toMatchObject({
      title: 'Daily standup',
      maxParticipants: 8,
      kind: 'one-time',
    });
    expect((await core.as(bob, { method: 'DELETE', url: `/rooms/${room.id}` })).statusCode).toBe(403);
    expect((await core.as(alice, { method: 'DELETE', url: `/rooms/${room.id}` })).statusCode).toBe(204);
    expect((await core.as(alice, { method: 'GET', url: `/rooms/${room.id}` })).statusCode).toBe(404);
  });

  it('issues invites for hosts only, with a URL under the public address', async () => {
    const room = (await create(alice, { title: 'Guests welcome' })).json<Room>();
    const res = await core.as(alice, {
      method: 'POST',
      url: `/rooms/${room.id}/invites`,
      payload: { role: 'viewer', expiresInMinutes: 30 },
    });
    expect(res.statusCode).toBe(201);
    const invite = Invite.parse(res.json());
    expect(invite.url).toBe(`https://meet.example.test/join/${invite.invite}`);
    expect(invite.role).toBe('viewer');
    expect(Date.parse(invite.expiresAt) - Date.now()).toBeGreaterThan(29 * 60_000);
    const byBob = await core.as(bob, {
      method: 'POST',
      url: `/rooms/${room.id}/invites`,
      payload: { role: 'viewer' },
    });
    expect(byBob.statusCode).toBe(403);
    const hostInvite = await core.as(alice, {
      method: 'POST',
      url: `/rooms/${room.id}/invites`,
      payload: { role: 'host' },
    });
    expect(hostInvite.statusCode).toBe(400);
  });

  it('answers bad input with a coded 4xx, never a 500', async () => {
    const bad = [
      { title: 7 },
      { title: 'ok', slug: 'Not A Slug' },
      { title: 'ok', admin: true },
      { title: 'ok', maxParticipants: 1 },
      { title: 'ok', startsAt: 'tomorrow' },
      { title: 'ok', startsAt: '2030-01-02T10:00:00Z', endsAt: '2030-01-02T09:00:00Z' },
      { title: '' },
    ];
    for (const payload of bad) {
      const res = await create(alice, payload);
      expect(res.statusCode, JSON.stringify(payload)).toBe(400);
      expect(res.json().error.code).toBe('VALIDATION');
    }
    expect((await core.as(alice, { method: 'GET', url: '/rooms?filter=everything' })).statusCode).toBe(400);
    // The route table allows room ids up to 100 characters.
    const longId = await core.as(alice, { method: 'GET', url: `/rooms/${'x'.repeat(300)}` });
    expect([longId.statusCode, longId.json().error.code]).toEqual([400, 'VALIDATION']);
    expect((await core.as(alice, { method: 'GET', url: '/rooms/no-such-room' })).statusCode).toBe(404);
    const huge = await create(alice, { title: 'x'.repeat(300 * 1024) });
    expect(huge.statusCode).toBe(413);
    const noAuth = await core.app.inject({ method: 'POST', url: '/rooms', payload: { title: 'x' } });
    expect(noAuth.statusCode).toBe(401);
    const unknownUser = await core.as(alice, {
      method: 'POST',
      url: '/rooms/weekly-sync/members',
      payload: { username: 'nobody', role: 'viewer' },
    });
    expect(unknownUser.statusCode).toBe(404);
  });
});

describe('when LiveKit cannot be reached', () => {
  it('answers a join with 503 UNAVAILABLE, not a 500', async () => {
    const core = await startCoreApp('sqlite'); // LiveKit URL points at a closed port
    try {
      await core.addUser('alice');
      const alice = await core.login('alice');
      const room = (
        await core.as(alice, { method: 'POST', url: '/rooms', payload: { title: 'Offline' } })
      ).json<Room>();
      const res = await core.as(alice, { method: 'POST', url: `/rooms/${room.id}/join` });
      expect(res.statusCode).toBe(503);
      expect(res.json().error.code).toBe('UNAVAILABLE');
      const list = await core.as(alice, { method: 'GET', url: `/rooms/${room.id}/participants` });
      expect(list.statusCode).toBe(503);
    } finally {
      await core.close();
    }
  });
});
