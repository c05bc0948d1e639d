// While LiveKit is unreachable the app server says so instead of handing out tokens that cannot
// connect: readiness answers 503 and a join answers 503 UNAVAILABLE, also for a room joined a
// moment before LiveKit went down (nothing is trusted from a cache). Real livekit-server, killed
// with SIGKILL and restarted on the same ports; app server in process on SQLite.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Room, Session } from '../../common/api.js';
import { startCoreApp, type CoreApp } from '../support/core-app.js';
import { startLivekit } from '../support/livekit-only.js';
import type { Stack } from '../support/stack.js';

let stack: Stack;
let core: CoreApp;
let alice: Session;

beforeAll(async () => {
  stack = await startLivekit();
  core = await startCoreApp('sqlite', { stack });
  await core.addUser('alice');
  alice = await core.login('alice');
});
afterAll(async () => {
  await core?.close();
  await stack?.stop();
});

describe('with LiveKit down', () => {
  it('answers readiness and joins with 503 until LiveKit is back', async () => {
    const room = (
      await core.as(alice, { method: 'POST', url: '/rooms', payload: { title: 'Outage' } })
    ).json<Room>();
    const join = () => core.as(alice, { method: 'POST', url: `/rooms/${room.id}/join` });
    expect((await join()).statusCode).toBe(200);
    expect((await core.app.inject({ url: '/health/ready' })).statusCode).toBe(200);

    stack.livekit.child.process.kill('SIGKILL');
    await new Promise((resolve) => stack.livekit.child.process.once('exit', resolve));
    const ready = await core.app.inject({ url: '/health/ready' });
    expect(ready.statusCode).toBe(503);
    expect(ready.json()).toEqual({ status: 'not-ready', checks: { livekit: 'unreachable' } });
    const refused = await join();
    expect(refused.statusCode).toBe(503);
    expect(refused.json()).toEqual({
      error: { code: 'UNAVAILABLE', message: 'The media server cannot be reached. Try again shortly.' },
    });
    expect(refused.body).not.toContain('token');

    await stack.livekit.restart();
    expect((await core.app.inject({ url: '/health/ready' })).statusCode).toBe(200);
    const again = await join();
    expect(again.statusCode).toBe(200);
    expect(again.json().token).toEqual(expect.any(String));
  });
});
