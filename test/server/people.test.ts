// The directory and presence: search by name or username, and presence derived from what clients
// set and whether any push connection is live. Real app server and sockets, SQLite and PostgreSQL.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Session } from '../../common/api.js';
import type { PeopleList, Presence } from '../../common/people.js';
import { startCoreApp, type CoreApp } from '../support/core-app.js';
import { DIALECTS } from '../support/databases.js';
import { connectPush } from '../support/push-client.js';

describe.each(DIALECTS)('people and presence on %s', (dialect) => {
  let core: CoreApp;
  let url: string;
  let bob: Session;
  let carol: Session;

  beforeAll(async () => {
    core = await startCoreApp(dialect);
    url = await core.app.listen({ host: '127.0.0.1', port: 0 });
    await core.addUser('bob', { displayName: 'Bob Builder' });
    await core.addUser('carol', { displayName: 'Carol Danvers' });
    await core.addUser('dan_x', { displayName: 'Daniel 100% Real' });
    [bob, carol] = [await core.login('bob'), await core.login('carol')];
  });
  afterAll(() => core?.close());

  const search = async (q?: string) =>
    (
      await core.as(bob, {
        method: 'GET',
        url: `/people${q === undefined ? '' : `?q=${encodeURIComponent(q)}`}`,
      })
    ).json<PeopleList>().people;
  const presenceOfCarol = async (): Promise<Presence | undefined> =>
    (await search('carol')).find((p) => p.username === 'carol')?.presence;

  it('finds colleagues by username or the start of a word of their name, never the viewer', async () => {
    expect((await search()).map((p) => p.username)).toEqual(['carol', 'dan_x']);
    expect((await search('danv')).map((p) => p.username)).toEqual(['carol']);
    expect((await search('real')).map((p) => p.username)).toEqual(['dan_x']);
    expect((await search('DAN')).map((p) => p.username)).toEqual(['carol', 'dan_x']);
    // LIKE wildcards are literal.
    expect(await search('%')).toEqual([]);
    expect((await search('100%')).map((p) => p.username)).toEqual(['dan_x']);
    const bad = await core.as(bob, { method: 'GET', url: `/people?limit=0` });
    expect(bad.json()).toMatchObject({ error: { code: 'VALIDATION' } });
  });

  it('is offline without a push connection, then what the client set', async () => {
    expect(await presenceOfCarol()).toBe('offline');
    const socket = await connectPush(url, carol.accessToken);
    expect(await presenceOfCarol()).toBe('available');
    const set = (payload: object) => core.as(carol, { method: 'PUT', url: '/presence', payload });
    expect((await set({ inMeeting: true })).json()).toEqual({
      status: 'available',
      inMeeting: true,
      presence: 'in-meeting',
    });
    expect(await presenceOfCarol()).toBe('in-meeting');
    await set({ status: 'dnd' });
    expect(await presenceOfCarol()).toBe('dnd');
    await set({ status: 'available', inMeeting: false });
    expect(await presenceOfCarol()).toBe('available');
    expect((await set({})).statusCode).toBe(400);
    expect((await set({ status: 'offline' })).statusCode).toBe(400);
    await socket.close();
    await expect.poll(presenceOfCarol).toBe('offline');
  });

  it('forgets "in a meeting" when the last client goes (one that crashed never says it left)', async () => {
    const set = (payload: object) => core.as(carol, { method: 'PUT', url: '/presence', payload });
    const phone = await connectPush(url, carol.accessToken);
    const laptop = await connectPush(url, carol.accessToken);
    await set({ inMeeting: true });
    // One client of two goes: the other may still be in the meeting, so nothing is forgotten.
    await phone.close();
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(await presenceOfCarol()).toBe('in-meeting');
    await laptop.close();
    await expect.poll(presenceOfCarol).toBe('offline');
    // Back with a new client: available, and her calls will ring out loud again.
    const back = await connectPush(url, carol.accessToken);
    await expect.poll(presenceOfCarol).toBe('available');
    const own = await core.as(carol, { method: 'GET', url: '/presence' });
    expect(own.json()).toMatchObject({ inMeeting: false, presence: 'available' });
    await back.close();
  });
});
