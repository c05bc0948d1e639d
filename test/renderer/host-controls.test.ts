// The host's "Let participants record" switch (HostControls.setAllowRecording) against a real
// app server and LiveKit: the switch changes the room on the server through the one typed
// client, a refusal puts it back and says why, and an announcement from the meeting (another
// host's change, in LiveKit's room metadata) moves it. Also the reading of that metadata.
import { flushSync } from 'svelte';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LiveRoomSettings, Room } from '../../common/api.js';
import { Toasts } from '../../renderer/src/lib/toasts.svelte.js';
import { HostControls } from '../../renderer/src/room/host-controls.svelte.js';
import { parseLiveSettings } from '../../renderer/src/room/live-settings.js';
import { startTestStack, type Stack } from '../support/stack.js';
import { ReactiveValue } from './support/reactive-value.svelte.js';
import { platformAs as platformOf } from './support/stack-platform.js';

let stack: Stack;

beforeAll(async () => {
  stack = await startTestStack(undefined, { seedUsers: true });
});
afterAll(async () => {
  await stack?.stop();
});

const platformAs = (username: string) => platformOf(stack.appUrl, username);

describe('HostControls: who may record', () => {
  it('switches the room setting on the app server, and back', async () => {
    const alice = await platformAs('alice');
    const room: Room = await alice.call('rooms.create', { body: { title: 'Switch on the server' } });
    const toasts = new Toasts();
    const host = new HostControls(alice, room.id, toasts, { locked: false, allowRecording: true });
    await host.setAllowRecording(false);
    expect(host.allowRecording).toBe(false);
    expect((await alice.call('rooms.get', { params: { id: room.id } })).allowRecording).toBe(false);
    expect(toasts.items.at(-1)).toMatchObject({
      text: 'Only hosts may record this meeting now',
      tone: 'info',
    });
    await host.setAllowRecording(true);
    expect((await alice.call('rooms.get', { params: { id: room.id } })).allowRecording).toBe(true);
    expect(toasts.items.at(-1)?.text).toBe('Participants may record this meeting');
  });

  it('puts the switch back and says why when the app server refuses (a host demoted meanwhile)', async () => {
    const alice = await platformAs('alice');
    const bob = await platformAs('bob');
    const room: Room = await alice.call('rooms.create', { body: { title: 'Demoted host' } });
    const member = await alice.call('members.add', {
      params: { id: room.id },
      body: { username: 'bob', role: 'host' },
    });
    const toasts = new Toasts();
    const host = new HostControls(bob, room.id, toasts, { locked: false, allowRecording: true });
    await alice.call('members.remove', { params: { id: room.id, userId: member.userId } });
    const saving = host.setAllowRecording(false);
    expect(host.allowRecording).toBe(false); // shown at once
    expect(host.savingRecording).toBe(true);
    await saving;
    expect(host.allowRecording).toBe(true);
    expect(host.savingRecording).toBe(false);
    expect(toasts.items.at(-1)).toMatchObject({ tone: 'error' });
    expect(toasts.items.at(-1)?.text).toMatch(/^Could not change who may record: /);
    expect((await alice.call('rooms.get', { params: { id: room.id } })).allowRecording).toBe(true);
  });

  it("follows the meeting's announcements (another host's change)", async () => {
    const alice = await platformAs('alice');
    const room: Room = await alice.call('rooms.create', { body: { title: 'Two hosts' } });
    const live = new ReactiveValue<LiveRoomSettings | null>(null);
    const initial = { locked: false, allowRecording: true };
    const host = new HostControls(alice, room.id, new Toasts(), initial, () => live.current);
    host.start();
    try {
      live.current = { allowRecording: false };
      flushSync();
      expect(host.allowRecording).toBe(false);
      live.current = { allowRecording: true };
      flushSync();
      expect(host.allowRecording).toBe(true);
    } finally {
      host.stop();
    }
  });
});

describe('parseLiveSettings', () => {
  it("reads the app server's room metadata and nothing else", () => {
    expect(parseLiveSettings('{"allowRecording":false}')).toEqual({ allowRecording: false });
    expect(parseLiveSettings('')).toBeNull();
    expect(parseLiveSettings(undefined)).toBeNull();
    expect(parseLiveSettings('not json')).toBeNull();
    expect(parseLiveSettings('{"allowRecording":"no"}')).toBeNull();
  });
});
