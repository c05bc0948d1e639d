// What the reconciler may judge missing: a room or participant LiveKit reports from the last few
// seconds is left to its webhook, which is most likely still on its way.
import { describe, expect, it } from 'vitest';
import { settledBy, type LiveRoom } from '../../server/src/reconcile/livekit-view.js';

const person = (sid: string, joinedAtMs: number | null) => ({
  sid,
  identity: sid,
  name: sid,
  metadata: '',
  joinedAtMs,
});
const room: LiveRoom = {
  sid: 'RM_1',
  name: 'room-1',
  startedAtMs: 1_000,
  participants: [person('PA_old', 2_000), person('PA_edge', 5_000), person('PA_new', 5_001)],
};

describe('settledBy', () => {
  it('keeps the participants who joined by the cutoff and drops those after it', () => {
    const settled = settledBy(room, 5_000);
    expect(settled?.participants.map((p) => p.sid)).toEqual(['PA_old', 'PA_edge']);
    expect(settled).toMatchObject({ sid: 'RM_1', name: 'room-1', startedAtMs: 1_000 });
    expect(room.participants).toHaveLength(3); // the room read from LiveKit is left as it was
  });

  it('leaves a room begun after the cutoff out altogether', () => {
    expect(settledBy(room, 999)).toBeNull();
    expect(settledBy(room, 1_000)?.participants).toEqual([]);
  });

  it('holds nothing back for a time LiveKit did not give (it is recorded as the time of the pass)', () => {
    const untimed: LiveRoom = { ...room, startedAtMs: null, participants: [person('PA_untimed', null)] };
    expect(settledBy(untimed, 0)?.participants.map((p) => p.sid)).toEqual(['PA_untimed']);
  });
});
