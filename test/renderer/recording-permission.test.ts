// Whether the Record button may record, as the renderer knows it without asking: the join
// grant, then the meeting's announcements (LiveKit room metadata), then a refusal.
import { flushSync } from 'svelte';
import { afterEach, describe, expect, it } from 'vitest';
import type { LiveRoomSettings } from '../../common/api.js';
import { RecordingPermission } from '../../renderer/src/recording/recording-permission.svelte.js';
import { ReactiveValue } from './support/reactive-value.svelte.js';

const made: RecordingPermission[] = [];
afterEach(() => {
  for (const p of made.splice(0)) p.dispose();
});

function permission(allowRecording: boolean, isHost: boolean) {
  const live = new ReactiveValue<LiveRoomSettings | null>(null);
  const p = new RecordingPermission(allowRecording, isHost, () => live.current);
  made.push(p);
  return { p, live };
}

describe('RecordingPermission', () => {
  it('starts from the join grant', () => {
    expect(permission(false, false).p.forbiddenByHost).toBe(true);
    expect(permission(true, false).p.forbiddenByHost).toBe(false);
  });

  it("follows the meeting's announcements both ways", () => {
    const { p, live } = permission(true, false);
    live.current = { allowRecording: false };
    flushSync();
    expect(p.forbiddenByHost).toBe(true);
    live.current = { allowRecording: true };
    flushSync();
    expect(p.forbiddenByHost).toBe(false);
  });

  it("learns from the app server's refusal, until the next announcement", () => {
    const { p, live } = permission(true, false);
    p.refused();
    expect(p.forbiddenByHost).toBe(true);
    live.current = { allowRecording: true };
    flushSync();
    expect(p.forbiddenByHost).toBe(false);
  });

  it('never forbids a host', () => {
    const { p, live } = permission(false, true);
    expect(p.forbiddenByHost).toBe(false);
    live.current = { allowRecording: false };
    flushSync();
    p.refused();
    expect(p.forbiddenByHost).toBe(false);
  });
});
