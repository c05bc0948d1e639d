import { ParticipantInfo } from '@livekit/protocol';
import { Participant } from 'livekit-client';
import { flushSync } from 'svelte';
import { afterEach, describe, expect, it } from 'vitest';
import { ParticipantState, initialsOf } from '../../renderer/src/room/participant-state.svelte.js';
import { countUpdates, type UpdateCounts } from './support/count-updates.svelte.js';

// Real livekit-client participants, driven through the same methods the Room calls when the
// server reports active speakers (setIsSpeaking) or new participant info (updateInfo).
const people = (n: number) =>
  Array.from({ length: n }, (_, i) => new Participant(`PA_${i}`, `p${i}`, `Person ${i}`));

/** What VideoTile reads of its participant. */
const tileReads = (p: ParticipantState) => [
  p.name,
  p.initials,
  p.isSpeaking,
  p.micMuted,
  p.camera,
  p.handRaised,
  p.recording,
  p.quality,
];

let tracking: UpdateCounts | null = null;
afterEach(() => tracking?.stop());

describe('ParticipantState', () => {
  it('re-renders only the tiles whose speaking state changed on an active-speaker change', () => {
    const participants = people(9);
    const states = participants.map((p) => new ParticipantState(p, false));
    tracking = countUpdates(states, (s) => s.identity, tileReads);
    flushSync();
    expect([...tracking.counts.values()]).toEqual(Array(9).fill(1));

    participants[3]!.setIsSpeaking(true);
    flushSync();
    expect(tracking.counts.get('p3')).toBe(2);
    expect([...tracking.counts.entries()].filter(([id]) => id !== 'p3').every(([, n]) => n === 1)).toBe(true);

    // Speaker moves from p3 to p5: two tiles change, seven stay untouched.
    participants[3]!.setIsSpeaking(false);
    participants[5]!.setIsSpeaking(true);
    flushSync();
    const updated = [...tracking.counts.entries()].filter(([, n]) => n > 1).map(([id]) => id);
    expect(updated.sort()).toEqual(['p3', 'p5']);
    expect(states[5]!.lastSpokeAt).toBeGreaterThan(0);

    // The same speaker reported again changes nothing.
    participants[5]!.setIsSpeaking(true);
    flushSync();
    expect(tracking.counts.get('p5')).toBe(2);
  });

  it('reads the recording and hand attributes, and stops listening when disposed', () => {
    const [alice] = people(1);
    const state = new ParticipantState(alice!, false);
    expect(state.recording).toBe(false);
    // @livekit/protocol resolves to its CommonJS types here and to its ESM types inside
    // livekit-client: the same class at run time, two declarations for the type checker.
    const info = (attributes: Record<string, string>, version: number) =>
      new ParticipantInfo({
        sid: 'PA_0',
        identity: 'p0',
        name: 'Person 0',
        attributes,
        version,
      }) as unknown as Parameters<Participant['updateInfo']>[0];
    alice!.updateInfo(info({ 'convene.recording': 'true', hand: '1' }, 1));
    expect(state.recording).toBe(true);
    expect(state.handRaised).toBe(true);
    alice!.updateInfo(info({}, 2));
    expect(state.recording).toBe(false);
    expect(state.handRaised).toBe(false);

    state.setHandByMessage(true); // hands also travel as data messages (hand-signals.ts)
    expect(state.handRaised).toBe(true);
    state.setHandByMessage(false);
    expect(state.handRaised).toBe(false);

    state.dispose();
    alice!.updateInfo(info({ 'convene.recording': 'true' }, 3));
    expect(state.recording).toBe(false);
  });

  it('has no camera and shows initials for someone who publishes none', () => {
    const state = new ParticipantState(new Participant('PA_x', 'x', 'Grace Hopper'), false);
    expect(state.camera).toBeUndefined();
    expect(state.hasCamera).toBe(false);
    expect(state.initials).toBe('GH');
    expect(initialsOf('ada')).toBe('A');
    expect(initialsOf('  (guest) Émile  Zola ')).toBe('ÉZ');
  });
});
