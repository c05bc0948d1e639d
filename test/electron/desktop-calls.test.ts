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
import { createLogger } from '../../electron/services/logger.js';
import { PENDING_JOIN_MS, RingAnswers } from '../../electron/services/ring-answers.js';
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
    const current = () => carol.services.handlers['ring.current'](undefined);
    expect(await current()).toEqual({ rings: [], ringWindow: false });
    const placed = (await call(bob, 'calls.place', {
      body: { callees: [carolId], video: true },
    })) as CallView;
    await expect.poll(() => shown).toEqual([placed.id]);
    const { rings } = await current();
    expect(rings).toEqual([expect.objectContaining({ callId: placed.id, video: true })]);
    expect(rings[0]?.caller.username).toBe('bob');
    await call(bob, 'calls.cancel', { params: { id: placed.id } });
    await expect.poll(async () => (await current()).rings).toEqual([]);
  });

  // Carol has two desktops; the first has a ring window (a STAND-IN RingPort: the Electron
  // BrowserWindow cannot run here) and she answers there through main (ring.answer).
  const ringWindowStandIn = () => {
    const log: string[] = [];
    const port: RingPort = {
      hasWindow: true,
      show: (r) => log.push(`show ${r.callId}`),
      hide: (callId) => log.push(`hide ${callId}`),
      setRinging: () => undefined,
      openApp: () => log.push('open app'),
      release: () => log.push('release'),
    };
    return { port, log };
  };

  it('answers from the ring window through main: the other desktop stops ringing within 500 ms', async () => {
    const here = ringWindowStandIn();
    const there = ringWindowStandIn();
    const carol = await signedIn('carol', here.port);
    const carolElsewhere = await signedIn('carol', there.port);
    const bob = await signedIn('bob');
    for (const h of [carol, carolElsewhere, bob])
      await expect.poll(() => h.events.some((e) => e.event === 'push.status')).toBe(true);
    const carolId = carol.services.auth.status().user?.id ?? '';
    expect((await carol.services.handlers['ring.current'](undefined)).ringWindow).toBe(true);
    const placed = (await call(bob, 'calls.place', {
      body: { callees: [carolId], video: false },
    })) as CallView;
    for (const d of [here, there]) await expect.poll(() => d.log).toEqual([`show ${placed.id}`]);

    const started = performance.now();
    await carol.services.handlers['ring.answer']({ callId: placed.id, camera: true });
    // This desktop: the ring is gone, the app window was opened and told to take the join.
    expect(here.log).toEqual([`show ${placed.id}`, `hide ${placed.id}`, 'open app']);
    expect(carol.events.filter((e) => e.event === 'ring.joinPending')).toHaveLength(1);
    expect(carol.events.filter((e) => e.event === 'ring.changed').at(-1)?.payload).toEqual([]);
    // The other desktop hears the server's call.stopped.
    await expect.poll(() => there.log, { interval: 10 }).toContain(`hide ${placed.id}`);
    const stoppedMs = performance.now() - started;
    console.log(`ring.answer → the other desktop stopped ringing in ${stoppedMs.toFixed(0)} ms`);
    expect(stoppedMs).toBeLessThan(500);
    const view = (await call(bob, 'calls.get', { params: { id: placed.id } })) as CallView;
    expect(view.parties[0]).toMatchObject({ outcome: 'answered' });
    // The join is handed out once, with the camera as chosen.
    expect(await carol.services.handlers['ring.takeJoin'](undefined)).toEqual({
      callId: placed.id,
      roomId: placed.roomId,
      camera: true,
    });
    expect(await carol.services.handlers['ring.takeJoin'](undefined)).toBeNull();
    // A call no longer ringing here cannot be answered again.
    await expect(
      carol.services.handlers['ring.answer']({ callId: placed.id, camera: false }),
    ).rejects.toMatchObject({ code: 'NOT_RINGING' });
  });

  it('declines from the ring window through main, with the message', async () => {
    const here = ringWindowStandIn();
    const carol = await signedIn('carol', here.port);
    const bob = await signedIn('bob');
    for (const h of [carol, bob])
      await expect.poll(() => h.events.some((e) => e.event === 'push.status')).toBe(true);
    const carolId = carol.services.auth.status().user?.id ?? '';
    const placed = (await call(bob, 'calls.place', {
      body: { callees: [carolId], video: true },
    })) as CallView;
    await expect.poll(() => here.log).toEqual([`show ${placed.id}`]);
    await carol.services.handlers['ring.decline']({
      callId: placed.id,
      message: ' In a workshop, after 3? ',
    });
    expect(here.log).toEqual([`show ${placed.id}`, `hide ${placed.id}`]);
    const view = (await call(bob, 'calls.get', { params: { id: placed.id } })) as CallView;
    expect(view.parties[0]).toMatchObject({ outcome: 'declined', message: 'In a workshop, after 3?' });
    expect(await carol.services.handlers['ring.takeJoin'](undefined)).toBeNull();
  });

  it('drops a join the app window did not take within a minute', async () => {
    const here = ringWindowStandIn();
    const carol = await signedIn('carol', here.port);
    const bob = await signedIn('bob');
    for (const h of [carol, bob])
      await expect.poll(() => h.events.some((e) => e.event === 'push.status')).toBe(true);
    let now = Date.now();
    // Main's own services, with a clock this test moves.
    const answers = new RingAnswers({
      rings: carol.services.rings,
      api: carol.services.api,
      emit: () => undefined,
      log: createLogger({ write: () => undefined }, 'test'),
      now: () => now,
    });
    const carolId = carol.services.auth.status().user?.id ?? '';
    const placed = (await call(bob, 'calls.place', {
      body: { callees: [carolId], video: true },
    })) as CallView;
    await expect.poll(() => here.log).toEqual([`show ${placed.id}`]);
    await answers.answer(placed.id, false);
    now += PENDING_JOIN_MS + 1;
    expect(answers.takeJoin()).toBeNull();
  });

  it('stops ringing and lets the ring window go on sign-out (the push channel is closed)', async () => {
    const here = ringWindowStandIn();
    const carol = await signedIn('carol', here.port);
    const bob = await signedIn('bob');
    for (const h of [carol, bob])
      await expect.poll(() => h.events.some((e) => e.event === 'push.status')).toBe(true);
    const carolId = carol.services.auth.status().user?.id ?? '';
    const placed = (await call(bob, 'calls.place', {
      body: { callees: [carolId], video: true },
    })) as CallView;
    await expect.poll(() => here.log).toEqual([`show ${placed.id}`]);
    await carol.services.handlers['auth.signOut'](undefined);
    expect(here.log).toEqual([`show ${placed.id}`, `hide ${placed.id}`, 'release']);
    expect((await carol.services.handlers['ring.current'](undefined)).rings).toEqual([]);
    await call(bob, 'calls.cancel', { params: { id: placed.id } });
  });
});
