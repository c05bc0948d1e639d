// How a call reads for the signed-in person, from both sides of it.
import { describe, expect, it } from 'vitest';
import type { CallParty, CallView } from '../../common/calls.js';
import {
  callBackIds,
  callSummary,
  counterpart,
  missedByMe,
  outcomeText,
  ringText,
} from '../../renderer/src/lib/call-text.js';

const person = (id: string, name: string) => ({ id, username: id, displayName: name });
const party = (id: string, name: string, outcome: CallParty['outcome']): CallParty => ({
  ...person(id, name),
  outcome,
  invitedBy: 'bob',
  rangAt: '2026-12-01T10:00:00.000Z',
  ringMs: 4000,
  message: null,
  silent: false,
});
const call = (parties: CallParty[], answered = false): CallView => ({
  id: 'c1',
  roomId: 'r1',
  caller: person('bob', 'Bob Baker'),
  video: true,
  createdAt: '2026-12-01T10:00:00.000Z',
  answered,
  settled: true,
  parties,
});

describe('call text', () => {
  it('reads a missed call as missed for the callee, and calling back rings the caller', () => {
    const missed = call([party('carol', 'Carol Chen', 'missed')]);
    expect(missedByMe(missed, 'carol')).toBe(true);
    expect(outcomeText(missed, 'carol')).toBe('Missed');
    expect(counterpart(missed, 'carol')).toBe('Bob Baker');
    expect(callBackIds(missed, 'carol')).toEqual(['bob']);
    // Busy (rung silently in a meeting) counts as missed too.
    expect(outcomeText(call([party('carol', 'Carol Chen', 'busy')]), 'carol')).toBe('Missed');
  });

  it('reads the caller side: answered, declined by all, cancelled, or not answered', () => {
    const both = [party('carol', 'Carol Chen', 'answered'), party('dave', 'Dave Doe', 'missed')];
    expect(outcomeText(call(both, true), 'bob')).toBe('Outgoing');
    expect(counterpart(call(both, true), 'bob')).toBe('Carol Chen, Dave Doe');
    expect(callBackIds(call(both, true), 'bob')).toEqual(['carol', 'dave']);
    expect(missedByMe(call(both, true), 'bob')).toBe(false);
    expect(outcomeText(call([party('carol', 'Carol Chen', 'declined')]), 'bob')).toBe('Declined');
    expect(outcomeText(call([party('carol', 'Carol Chen', 'cancelled')]), 'bob')).toBe('Cancelled');
    const mixed = [party('carol', 'Carol Chen', 'declined'), party('dave', 'Dave Doe', 'missed')];
    expect(outcomeText(call(mixed), 'bob')).toBe('Not answered');
  });

  it('reads the callee side of an answered or declined call', () => {
    expect(outcomeText(call([party('carol', 'Carol Chen', 'answered')], true), 'carol')).toBe('Incoming');
    expect(outcomeText(call([party('carol', 'Carol Chen', 'declined')]), 'carol')).toBe('Declined');
  });

  it('says how long it rang: mine as a callee, the longest as the caller', () => {
    const legs = [
      { ...party('carol', 'Carol Chen', 'declined'), ringMs: 2140 },
      { ...party('dave', 'Dave Doe', 'missed'), ringMs: 30_000 },
    ];
    expect(ringText(call(legs), 'carol')).toBe('rang 2.1 s');
    expect(ringText(call(legs), 'bob')).toBe('rang 30 s');
    expect(ringText({ ...call(legs), settled: false }, 'bob')).toBe('ringing');
    // Do not disturb: the leg never rang.
    expect(ringText(call([{ ...party('carol', 'Carol Chen', 'missed'), ringMs: 0 }]), 'carol')).toBe(
      'did not ring',
    );
    expect(callSummary({ ...call(legs), video: false }, 'carol')).toBe('Audio · Declined · rang 2.1 s');
  });
});
