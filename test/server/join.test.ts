// Role-based joins against a real LiveKit server: the grants in each role's token, the checks
// (membership, lock, schedule, capacity), guest invites, and what LiveKit then allows.
import { RoomServiceClient, TokenVerifier } from 'livekit-server-sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JoinResult, type Room, type Session } from '../../common/api.js';
import { InviteSigner } from '../../server/src/rooms/invites.js';
import { joinBot, type Bot } from '../support/bot.js';
import { startCoreApp, TEST_JWT_SECRET, type CoreApp } from '../support/core-app.js';
import { DIALECTS } from '../support/databases.js';
import { startLivekit } from '../support/livekit-only.js';
import type { Stack } from '../support/stack.js';

let stack: Stack;
beforeAll(async () => {
  stack = await startLivekit();
});
afterAll(() => stack?.stop());

type Admitted = Extract<JoinResult, { status: 'admitted' }>;

describe.each(DIALECTS)('joining on %s', (dialect) => {
  let core: CoreApp;
  let alice: Session;
  let bob: Session;
  let carol: Session;
  const bots: Bot[] = [];

  beforeAll(async () => {
    core = await startCoreApp(dialect, { stack });
    for (const u of ['alice', 'bob', 'carol']) await core.addUser(u);
    [alice, bob, carol] = [await core.login('alice'), await core.login('bob'), await core.login('carol')];
  });
  afterAll(async () => {
    await Promise.all(bots.map((b) => b.leave()));
    await core?.close();
  });

  const createRoom = async (payload: object) =>
    (await core.as(alice, { method: 'POST', url: '/rooms', payload })).json<Room>();
  const addMember = (room: Room, username: string, role: string) =>
    core.as(alice, { method: 'POST', url: `/rooms/${room.id}/members`, payload: { username, role } });
  const join = (session: Session, room: Room) =>
    core.as(session, {
      method: 'POST',
      url: `/rooms/${room.id}/join`,
      headers: { 'user-agent': 'ConveneTest/1.0' },
    });
  const claimsOf = (token: string) =>
    new TokenVerifier(stack.keys.apiKey, stack.keys.apiSecret).verify(token);

  it('gives each role its grants, identity, name and role metadata, and records the token', async () => {
    const room = await createRoom({ title: 'Roles', kind: 'one-time' });
    await addMember(room, 'bob', 'participant');
    await addMember(room, 'carol', 'viewer');

    const host = JoinResult.parse((await join(alice, room)).json()) as Admitted;
    expect(host).toMatchObject({ status: 'admitted', role: 'host', url: stack.livekitUrl });
    expect(host.room).toMatchObject({ id: room.id, slug: room.slug });
    const hostClaims = await claimsOf(host.token);
    expect(hostClaims.sub).toBe(alice.user.id);
    expect(hostClaims.name).toBe('Alice Tester');
    expect(JSON.parse(hostClaims.metadata ?? '{}')).toEqual({ role: 'host' });
    expect(hostClaims.video).toMatchObject({
      room: room.id,
      roomJoin: true,
      roomAdmin: true,
      canPublish: true,
    });
    expect(hostClaims.video?.canPublishSources ?? []).toEqual([]);
    const ttl = (hostClaims.exp ?? 0) - Date.now() / 1000;
    // Only the first connection uses it: LiveKit pushes the connected client fresh tokens.
    expect(ttl).toBeGreaterThan(90);
    expect(ttl).toBeLessThanOrEqual(2 * 60);

    const participant = await claimsOf((await join(bob, room)).json<Admitted>().token);
    expect(participant.video?.roomAdmin).toBeFalsy();
    expect(participant.video?.canPublish).toBe(true);
    expect([...(participant.video?.canPublishSources ?? [])].sort()).toEqual(
      ['camera', 'microphone', 'screen_share', 'screen_share_audio'].sort(),
    );

    const viewer = await claimsOf((await join(carol, room)).json<Admitted>().token);
    expect(viewer.video).toMatchObject({ canPublish: false, canSubscribe: true, canPublishData: true });
    expect(viewer.video?.canUpdateOwnMetadata).toBe(false);

    const issued = await core.app.database.db
      .selectFrom('join_tokens_issued')
      .selectAll()
      .where('room_id', '=', room.id)
      .orderBy('issued_at')
      .execute();
    expect(issued.map((r) => [r.identity, r.role, r.user_agent])).toEqual([
      [alice.user.id, 'host', 'ConveneTest/1.0'],
      [bob.user.id, 'participant', 'ConveneTest/1.0'],
      [carol.user.id, 'viewer', 'ConveneTest/1.0'],
    ]);
    expect(issued[0]?.address).toBe('127.0.0.1');

    // The LiveKit room exists, named by the room id.
    const client = new RoomServiceClient(stack.livekitApiUrl, stack.keys.apiKey, stack.keys.apiSecret);
    expect((await client.listRooms([room.id])).map((r) => r.name)).toEqual([room.id]);
  });

  it('refuses outsiders (403), locked rooms (423) and joins outside the schedule (403)', async () => {
    const room = await createRoom({ title: 'Private', kind: 'one-time' });
    const outsider = await join(bob, room);
    expect(outsider.statusCode).toBe(403);
    expect(outsider.json().error.code).toBe('FORBIDDEN');

    await addMember(room, 'bob', 'participant');
    await core.as(alice, { method: 'PATCH', url: `/rooms/${room.id}`, payload: { locked: true } });
    const locked = await join(bob, room);
    expect(locked.statusCode).toBe(423);
    expect(locked.json().error.code).toBe('LOCKED');
    expect((await join(alice, room)).statusCode).toBe(200); // a host still gets in

    const later = await createRoom({
      title: 'Later',
      startsAt: new Date(Date.now() + 2 * 3600_000).toISOString(),
      endsAt: new Date(Date.now() + 3 * 3600_000).toISOString(),
    });
    const early = await join(bob, later);
    expect(early.statusCode).toBe(403);
    expect(early.json().error.message).toMatch(/starts at .*10 minutes before/);
    expect((await join(alice, later)).statusCode).toBe(200); // hosts may open early

    const past = await createRoom({
      title: 'Past',
      startsAt: new Date(Date.now() - 3 * 3600_000).toISOString(),
      endsAt: new Date(Date.now() - 2 * 3600_000).toISOString(),
    });
    const ended = await join(alice, past);
    expect(ended.statusCode).toBe(403);
    expect(ended.json().error.message).toMatch(/ended/);
  });

  it('lets a guest in with a signed invite, in the invite role, and refuses forged or expired ones', async () => {
    const room = await createRoom({ title: 'Webinar' });
    const invite = (
      await core.as(alice, { method: 'POST', url: `/rooms/${room.id}/invites`, payload: { role: 'viewer' } })
    ).json<{ invite: string }>().invite;
    const guestJoin = (payload: object) => core.app.inject({ method: 'POST', url: '/invites/join', payload });

    const res = await guestJoin({ invite, displayName: 'Visitor' });
    expect(res.statusCode).toBe(200);
    const claims = await claimsOf(res.json<Admitted>().token);
    expect(claims.sub).toMatch(/^guest-[0-9a-f]{16}$/);
    expect(claims.name).toBe('Visitor');
    expect(claims.video?.canPublish).toBe(false);

    const [body, sig] = invite.split('.') as [string, string];
    const payload = JSON.parse(Buffer.from(body, 'base64url').toString()) as Record<string, unknown>;
    const upgraded = Buffer.from(JSON.stringify({ ...payload, role: 'participant' })).toString('base64url');
    const expired = new InviteSigner(TEST_JWT_SECRET).sign(room.id, 'participant', Date.now() - 1000);
    const otherServer = new InviteSigner('another-secret'.padEnd(40, 'y')).sign(
      room.id,
      'participant',
      Date.now() + 60_000,
    );
    for (const bad of [`${upgraded}.${sig}`, expired, otherServer, 'nonsense']) {
      const refused = await guestJoin({ invite: bad, displayName: 'Mallory' });
      expect(refused.statusCode).toBe(403);
      expect(refused.json().error.code).toBe('FORBIDDEN');
    }
    expect((await guestJoin({ invite, displayName: '' })).statusCode).toBe(400);
    expect((await guestJoin({ invite, displayName: 'x', extra: 1 })).statusCode).toBe(400);
  });

  // Media checks need LiveKit, not a second database: run them once, on the SQLite store.
  if (dialect === 'sqlite') {
    it('a viewer token cannot publish in LiveKit; a participant token can', async () => {
      const room = await createRoom({ title: 'Stage', kind: 'one-time' });
      await addMember(room, 'bob', 'participant');
      await addMember(room, 'carol', 'viewer');
      const bobJoin = (await join(bob, room)).json<Admitted>();
      const carolJoin = (await join(carol, room)).json<Admitted>();
      const bobBot = await joinBot(bobJoin.url, bobJoin.token);
      const carolBot = await joinBot(carolJoin.url, carolJoin.token);
      bots.push(bobBot, carolBot);

      expect(await carolBot.publishMicrophone(3000)).toBe(false);
      expect(await bobBot.publishMicrophone()).toBe(true);

      const client = new RoomServiceClient(stack.livekitApiUrl, stack.keys.apiKey, stack.keys.apiSecret);
      const trackCounts = async () =>
        Object.fromEntries(
          (await client.listParticipants(room.id)).map((p) => [p.identity, p.tracks.length]),
        );
      // The server lists a track once its media arrives, a moment after publishTrack resolves.
      await expect.poll(trackCounts).toEqual({ [bob.user.id]: 1, [carol.user.id]: 0 });
      const live = await client.listParticipants(room.id);
      // LiveKit itself holds the viewer as unable to publish.
      expect(live.find((p) => p.identity === carol.user.id)?.permission?.canPublish).toBe(false);
    });

    it('refuses a join with 409 when the room is full of live participants', async () => {
      const room = await createRoom({ title: 'Small', kind: 'one-time', maxParticipants: 2 });
      await addMember(room, 'bob', 'participant');
      await addMember(room, 'carol', 'participant');
      for (const session of [alice, bob]) {
        const grant = (await join(session, room)).json<Admitted>();
        bots.push(await joinBot(grant.url, grant.token));
      }
      const full = await join(carol, room);
      expect(full.statusCode).toBe(409);
      expect(full.json().error.message).toMatch(/full/);
      // Someone already inside may reconnect: their new connection replaces the old one.
      expect((await join(bob, room)).statusCode).toBe(200);
    });
  }
});
