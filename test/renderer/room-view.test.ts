import { Participant } from 'livekit-client';
import { flushSync } from 'svelte';
import { afterEach, describe, expect, it } from 'vitest';
import { ParticipantState } from '../../renderer/src/room/participant-state.svelte.js';
import { RoomViewState, type ViewSource } from '../../renderer/src/room/room-view.svelte.js';

// The view over real livekit-client participants; the session side is the narrow ViewSource
// interface, recording which identities the view asks to be subscribed.
function meeting(remotes: number) {
  const me = new ParticipantState(new Participant('PA_me', 'me', 'Me'), true);
  const people = Array.from({ length: remotes }, (_, i) => new Participant(`PA_${i}`, `p${i}`, `P ${i}`));
  const states = people.map((p, i) => {
    const state = new ParticipantState(p, false);
    // Arrival order decides the grid's order; make it explicit.
    Object.defineProperty(state, 'joinedAt', { value: i + 1 });
    return state;
  });
  const subscribed: string[][] = [];
  const source: ViewSource = {
    participants: [me, ...states],
    screenShare: null,
    applySubscriptions: (visible) => subscribed.push([...visible].sort()),
  };
  return { people, view: new RoomViewState(source), subscribed };
}

let view: RoomViewState | null = null;
afterEach(() => view?.dispose());

describe('RoomViewState', () => {
  it('subscribes the cameras of the page shown, and follows the page', () => {
    const m = meeting(7);
    view = m.view;
    m.view.setViewport(4, 0);
    flushSync();
    expect(m.subscribed.at(-1)).toEqual(['me', 'p0', 'p1', 'p2']);
    m.view.setViewport(4, 1);
    flushSync();
    expect(m.subscribed.at(-1)).toEqual(['p3', 'p4', 'p5', 'p6']);
  });

  it('moves someone who starts speaking off screen onto the page, and leaves visible speakers in place', () => {
    const m = meeting(7);
    view = m.view;
    m.view.setViewport(4, 0);
    flushSync();
    const calls = m.subscribed.length;

    m.people[1]!.setIsSpeaking(true); // on screen already: nothing moves, nothing resubscribes
    flushSync();
    expect(m.view.pageView.items.map((p) => p.identity)).toEqual(['me', 'p0', 'p1', 'p2']);
    expect(m.subscribed.length).toBe(calls);

    m.people[5]!.setIsSpeaking(true); // on page 2: promoted to the first place after you
    flushSync();
    expect(m.view.pageView.items.map((p) => p.identity)).toEqual(['me', 'p5', 'p0', 'p1']);
    expect(m.subscribed.at(-1)).toEqual(['me', 'p0', 'p1', 'p5']);
  });

  it('puts the latest speaker other than you on the stage in speaker layout', () => {
    const m = meeting(3);
    view = m.view;
    m.view.layout = 'speaker';
    m.view.setViewport(2, 0);
    flushSync();
    expect(m.view.stageSpeaker?.identity).toBe('p0');
    m.people[2]!.setIsSpeaking(true);
    flushSync();
    expect(m.view.stageSpeaker?.identity).toBe('p2');
    expect(m.view.pageView.items.map((p) => p.identity)).not.toContain('p2');
  });
});
