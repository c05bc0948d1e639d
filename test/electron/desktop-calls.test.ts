// The desktop main process reaches people, presence and calls like every other endpoint, through
// the one contract method `api.call` (route id + arguments, checked against the route table in
// main), and hands the push channel's presence changes to the renderer as `push.presence`.
// Real parts: the desktop services with the real keychain, a real app server and LiveKit.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CallView } from '../../common/calls.js';
import type { PeopleList } from '../../common/people.js';
import { keyringSkipReason } from '../support/keyring.js';
import { startTestStack, type Stack } from '../support/stack.js';
import type { RingPort } from '../../electron/services/ring-controller.js';
import { startHarness, type Harness } from './support/desktop-harness.js';

const skip = keyringSkipReason();
if (skip) console.warn(`desktop calls tests ${skip}`);
const PASSWORD = 'convene-demo';

describe.skipIf(skip !== undefined)('people, presence and calls from the desktop main process', () => {
  let stack: Stack;
  const harnesses: Harness[] = [];
  beforeAll(async () => {
    stack = await startTestStack({ CONVENE_SEED_DEMO: '1' });
  });
  afterAll(async () => {
    for (const h of harnesses) h.services.dispose();
    await stack?.stop();
  });

  const signedIn = async (username: string, ring?: RingPort) => {
    const h = await startHarness(ring ? { ring } : {});
    harnesses.push(h);
    await h.services.handlers['auth.signIn']({ serverUrl: stack.appUrl, username, password: PASSWORD });
    return h;
  };
  const call = (h: Harness, route: string, args?: object) =>
    (h.services.handlers['api.call'] as (a: object) => Promise<unknown>)({
      route,
      ...(args ? { args } : {}),
    });
  const presenceOf = (h: Harness, userId: string) =>
    h.events
      .filter((e) => e.event === 'push.presence')
      .map((e) => e.payload as { userId: string; presence: string })
      .filter((p) => p.userId === userId)
      .map((p) => p.presence);

  it('lists, sets presence and places a call through api.call; presence changes reach the renderer', async () => {
    const bob = await signedIn('bob');
    await expect.poll(() => bob.events.some((e) => e.event === 'push.status')).toBe(true);
    const carol = await signedIn('carol');
    const carolId = carol.services.auth.status().user?.id ?? '';
    await expect.poll(() => presenceOf(bob, carolId)).toContain('available');

    const me = (await call(carol, 'presence.set', { body: { status: 'dnd' } })) as { presence: string };
    expect(me.presence).toBe('dnd');
    await expect.poll(() => presenceOf(bob, carolId).at(-1)).toBe('dnd');
    const people = (await call(bob, 'people.list', { query: { q: 'car' } })) as PeopleList;
    expect(people.people).toEqual([expect.objectContaining({ username: 'carol', presence: 'dnd' })]);

    // Do not disturb: the call is missed at once, and carol's badge counts it.
    const placed = (await call(bob, 'calls.place', {
      body: { callees: [carolId], video: false },
    })) as CallView;
    expect(placed.parties[0]).toMatchObject({ username: 'carol', outcome: 'missed' });
    expect(await call(carol, 'calls.missedCount')).toEqual({ count: expect.any(Number) });
    expect(await call(carol, 'calls.missedSeen')).toEqual({ count: 0 });
    // The route table refuses arguments that break it before anything is sent.
    await expect(call(bob, 'calls.place', { body: { callees: [] } })).rejects.toMatchObject({
      code: 'INVALID_ARGUMENT',
    });
    await call(carol, 'presence.set', { body: { status: 'available' } });
    await expect.poll(() => presenceOf(bob, carolId).at(-1)).toBe('available');
  });

  it('keeps what rings while no window listens, for the window a ring opens (ring.current)', async () => {
    // A STAND-IN for the Electron ring window (adapters/ring-window.ts cannot run here).
    const shown: string[] = [];
    const ring: RingPort = {
      show: (r) => shown.push(r.callId),
      hide: () => undefined,
      setRinging: () => undefined,
    };
    const carol = await signedIn('carol', ring);
    await expect.poll(() => carol.events.some((e) => e.event === 'push.status')).toBe(true);
    const bob = await signedIn('bob');
    const carolId = carol.services.auth.status().user?.id ?? '';
    expect(await carol.services.handlers['ring.current'](undefined)).toEqual([]);
    const placed = (await call(bob, 'calls.place', {
      body: { callees: [carolId], video: true },
    })) as CallView;
    await expect.poll(() => shown).toEqual([placed.id]);
    const rings = await carol.services.handlers['ring.current'](undefined);
    expect(rings).toEqual([expect.objectContaining({ callId: placed.id, video: true })]);
    expect(rings[0]?.caller.username).toBe('bob');
    await call(bob, 'calls.cancel', { params: { id: placed.id } });
    await expect.poll(() => carol.services.handlers['ring.current'](undefined)).toEqual([]);
  });
});
