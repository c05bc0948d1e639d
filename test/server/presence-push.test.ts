// Presence over the push channel: when a colleague's presence changes (their first client
// connects, they set a status, enter or leave a meeting, their last client disconnects) every
// other signed-in client that asked for them gets one `presence` message, and none when what others see stays the
// same. Presence is state, not an event of the log: it is not replayed to a client that was not
// connected. Real app server on a port, real push sockets, SQLite and PostgreSQL.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Session } from '../../common/api.js';
import { startCoreApp, type CoreApp } from '../support/core-app.js';
import { DIALECTS } from '../support/databases.js';
import { connectPush, type TestPushClient } from '../support/push-client.js';

const watching = { presence: true };

describe.each(DIALECTS)('presence pushed on %s', (dialect) => {
  let core: CoreApp;
  let url: string;
  let bob: Session;
  let carol: Session;
  let dave: Session;
  let erin: Session;
  let frank: Session;

  beforeAll(async () => {
    core = await startCoreApp(dialect);
    url = await core.app.listen({ host: '127.0.0.1', port: 0 });
    for (const u of ['bob', 'carol', 'dave', 'erin', 'frank']) await core.addUser(u);
    [bob, carol, dave, erin] = [
      await core.login('bob'),
      await core.login('carol'),
      await core.login('dave'),
      await core.login('erin'),
    ];
    frank = await core.login('frank');
  });
  afterAll(() => core?.close());

  const set = (who: Session, payload: object) => core.as(who, { method: 'PUT', url: '/presence', payload });
  const changesOf = (client: TestPushClient, who: Session) =>
    client.presence.filter((c) => c.userId === who.user.id).map((c) => c.presence);
  /** Waits for the next change about `who` and says what it was. */
  const nextOf = async (client: TestPushClient, who: Session, before: number) => {
    await client.waitForPresence(() => changesOf(client, who).length > before);
    return changesOf(client, who)[before];
  };

  it('tells every other signed-in client, once per change others see (latency printed)', async () => {
    const watcher = await connectPush(url, bob.accessToken, undefined, watching);
    // A client that did not ask for presence (an older one) gets none of it.
    const deaf = await connectPush(url, frank.accessToken);
    const phone = await connectPush(url, carol.accessToken, undefined, watching);
    expect(await nextOf(watcher, carol, 0)).toBe('available');

    const latencies: number[] = [];
    const expectPushed = async (payload: object, presence: string) => {
      const before = changesOf(watcher, carol).length;
      const started = performance.now();
      expect((await set(carol, payload)).statusCode).toBe(200);
      expect(await nextOf(watcher, carol, before)).toBe(presence);
      latencies.push(performance.now() - started);
    };
    await expectPushed({ inMeeting: true }, 'in-meeting');
    await expectPushed({ status: 'dnd' }, 'dnd');
    // Leaving the meeting while in do-not-disturb changes nothing others see: no message.
    expect((await set(carol, { inMeeting: false })).statusCode).toBe(200);
    await expectPushed({ status: 'available' }, 'available');
    // A second client of hers, then closing one of the two: still available, no message.
    const laptop = await connectPush(url, carol.accessToken, undefined, watching);
    await phone.close();
    const before = changesOf(watcher, carol).length;
    await laptop.close();
    expect(await nextOf(watcher, carol, before)).toBe('offline');
    expect(changesOf(watcher, carol)).toEqual(['available', 'in-meeting', 'dnd', 'available', 'offline']);
    // Her own clients are not told about her, and the events of the log are untouched.
    expect(changesOf(laptop, carol)).toEqual([]);
    expect(deaf.presence).toEqual([]);
    expect(watcher.events).toEqual([]);
    console.log(
      `[${dialect}] PUT /presence -> presence at another client: ${latencies.map((ms) => ms.toFixed(1)).join(', ')} ms`,
    );
    await Promise.all([watcher.close(), deaf.close()]);
  });

  it('goes only to clients connected now; one that connects later reads the directory instead', async () => {
    // erin is new to this test, so nothing left over from the one before concerns her.
    const watcher = await connectPush(url, bob.accessToken, undefined, watching);
    const erinPush = await connectPush(url, erin.accessToken, undefined, watching);
    expect(await nextOf(watcher, erin, 0)).toBe('available');
    await set(erin, { status: 'dnd' });
    expect(await nextOf(watcher, erin, 1)).toBe('dnd');
    // dave was not connected: nothing of it reaches him, even replaying his log from the start.
    const late = await connectPush(url, dave.accessToken, 0, watching);
    expect(await nextOf(watcher, dave, 0)).toBe('available');
    await set(erin, { status: 'available' });
    expect(await nextOf(late, erin, 0)).toBe('available');
    expect(changesOf(late, erin)).toEqual(['available']);
    expect(late.events).toEqual([]);
    await Promise.all([watcher.close(), erinPush.close(), late.close()]);
  });
});
