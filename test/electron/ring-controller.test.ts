// The desktop's ring logic, under plain Node. The RingPort stands in for the Electron ring window,
// notification and tray (adapters/, which need the Electron binary): it records what it was told.
import { describe, expect, it } from 'vitest';
import type { CallRing } from '../../common/calls.js';
import type { PushEvent } from '../../common/push.js';
import { RingController, type RingPort } from '../../electron/services/ring-controller.js';

function recordingPort() {
  const log: string[] = [];
  const port: RingPort = {
    show: (ring, sound) => log.push(`show ${ring.callId} sound=${sound}`),
    hide: (callId) => log.push(`hide ${callId}`),
    setRinging: (ringing) => log.push(`tray ${ringing}`),
  };
  return { port, log };
}
const ring = (callId: string, msFromNow: number, silent = false): CallRing => ({
  callId,
  roomId: `room-${callId}`,
  caller: { id: 'u-bob', username: 'bob', displayName: 'Bob Baker' },
  others: [],
  video: true,
  silent,
  expiresAt: new Date(Date.now() + msFromNow).toISOString(),
});
const deliver = (c: RingController, event: PushEvent) => c.handle({ id: 1, at: '', event });
const settled = () => new Promise((resolve) => setImmediate(resolve));

describe('ring controller', () => {
  it('rings with sound, silently in a meeting, and stops when the call stops', async () => {
    const { port, log } = recordingPort();
    const c = new RingController(port);
    deliver(c, { type: 'call.ringing', ring: ring('a', 5000) });
    deliver(c, { type: 'call.ringing', ring: ring('b', 5000, true) });
    await settled(); // what a run of events rings shows once the run is handled
    deliver(c, { type: 'call.stopped', callId: 'a', outcome: 'answered' });
    deliver(c, { type: 'call.stopped', callId: 'b', outcome: 'declined' });
    expect(log).toEqual([
      'show a sound=true',
      'tray true',
      'show b sound=false',
      'tray true',
      'hide a',
      'hide b',
      'tray false',
    ]);
  });

  it('never shows an expired ring (replayed after a reconnect), and stops one that expires', async () => {
    const { port, log } = recordingPort();
    const c = new RingController(port);
    deliver(c, { type: 'call.ringing', ring: ring('old', -1000) });
    deliver(c, { type: 'call.ringing', ring: ring('soon', 50) });
    deliver(c, { type: 'call.ringing', ring: ring('soon', 50) }); // a duplicate changes nothing
    await new Promise((r) => setTimeout(r, 120));
    expect(log).toEqual(['show soon sound=true', 'tray true', 'hide soon', 'tray false']);
    expect(c.ringing).toEqual([]);
  });

  it('shows nothing for a ring stopped in the same run of events (a catch-up after a reconnect)', async () => {
    const { port, log } = recordingPort();
    const c = new RingController(port);
    deliver(c, { type: 'call.ringing', ring: ring('cancelled', 5000) });
    deliver(c, { type: 'call.stopped', callId: 'cancelled', outcome: 'cancelled' });
    deliver(c, { type: 'call.ringing', ring: ring('live', 5000) });
    await settled();
    expect(log).toEqual(['show live sound=true', 'tray true']);
    expect(c.ringing.map((r) => r.callId)).toEqual(['live']);
    c.dispose();
    expect(log.slice(2)).toEqual(['hide live', 'tray false']);
  });

  it('tells the ring window the rings on show at each change, and stops a ring answered there', async () => {
    const { port, log } = recordingPort();
    const shown: string[][] = [];
    const c = new RingController(port, Date.now, (rings) => shown.push(rings.map((r) => r.callId)));
    expect(c.hasWindow).toBe(false);
    deliver(c, { type: 'call.ringing', ring: ring('a', 5000) });
    expect(shown).toEqual([]); // not before it is on show
    deliver(c, { type: 'call.ringing', ring: ring('b', 5000, true) });
    await settled();
    expect(c.find('b')?.silent).toBe(true);
    c.stop('a'); // answered in the ring window
    expect(c.find('a')).toBeUndefined();
    deliver(c, { type: 'call.stopped', callId: 'a', outcome: 'answered' }); // the server's echo: no-op
    deliver(c, { type: 'call.stopped', callId: 'b', outcome: 'cancelled' });
    expect(shown).toEqual([['a'], ['a', 'b'], ['b'], []]);
    expect(log.filter((l) => l.startsWith('hide'))).toEqual(['hide a', 'hide b']);
  });
});
