// The update state machine behind the banner. electron-updater cannot run outside Electron, so
// its events are replayed as calls (a stand-in for the adapter); the meeting state, the install
// rules and the events pushed to the renderer are the real code.
import { describe, expect, it } from 'vitest';
import type { UpdateState } from '../../electron/contract.js';
import { MeetingStateHolder } from '../../electron/services/meeting-state.js';
import { UpdateController } from '../../electron/services/update-controller.js';
import { IDLE_INSTALL_SECONDS } from '../../electron/services/update-plan.js';
import { memoryLog } from './support/memory-log.js';

function setup(opts: { recording?: boolean; idle?: number } = {}) {
  const meeting = new MeetingStateHolder();
  const pushed: UpdateState[] = [];
  let recording = opts.recording ?? false;
  let idle = opts.idle ?? 0;
  const controller = new UpdateController({
    meeting,
    emit: (event, payload) => {
      expect(event).toBe('update.state');
      pushed.push(payload as UpdateState);
    },
    log: memoryLog().log,
    recording: () => recording,
    idleSeconds: () => idle,
    rollout: { currentVersion: '1.0.0', deferralDays: 0, minimumVersion: '1.0.2', stagingBucket: 0.9 },
  });
  let installs = 0;
  const download = (version = '1.1.0') => controller.downloaded(version, () => installs++);
  return {
    meeting,
    controller,
    pushed,
    download,
    installs: () => installs,
    setRecording: (v: boolean) => (recording = v),
    setIdle: (v: number) => (idle = v),
  };
}
const inMeeting = { inMeeting: true, muted: false, sharing: false };
const notInMeeting = { inMeeting: false, muted: false, sharing: false };

describe('UpdateController', () => {
  it('walks available → downloading n % → ready, pushing each state', () => {
    const t = setup();
    t.controller.checking();
    t.controller.available('1.1.0');
    t.controller.progress('1.1.0', 41.6);
    t.download();
    expect(t.pushed.map((s) => s.status)).toEqual(['checking', 'available', 'downloading', 'ready']);
    expect(t.pushed[2]).toEqual({ status: 'downloading', version: '1.1.0', required: false, percent: 42 });
    expect(t.controller.get()).toEqual({
      status: 'ready',
      version: '1.1.0',
      required: false,
      blockedByMeeting: false,
      restartAfterMeeting: false,
    });
    expect(t.installs()).toBe(0);
  });

  it('refuses "restart now" in a meeting and installs after it when asked to', () => {
    const t = setup();
    t.meeting.set(inMeeting);
    t.download();
    expect(t.controller.get()).toMatchObject({ status: 'ready', blockedByMeeting: true });
    expect(() => t.controller.restartNow()).toThrow(expect.objectContaining({ code: 'IN_MEETING' }));
    t.controller.restartAfterMeeting();
    expect(t.installs()).toBe(0);
    t.meeting.set(notInMeeting);
    expect(t.installs()).toBe(1);
  });

  it('waits for a recording to end too, and installs by itself only when the machine is idle', () => {
    const t = setup({ recording: true, idle: 2 * IDLE_INSTALL_SECONDS });
    t.download();
    t.controller.reconsider();
    expect(t.installs()).toBe(0);
    expect(() => t.controller.restartNow()).toThrow(expect.objectContaining({ code: 'IN_MEETING' }));
    t.setRecording(false);
    t.setIdle(10);
    t.controller.reconsider();
    expect(t.installs()).toBe(0);
    t.setIdle(IDLE_INSTALL_SECONDS);
    t.controller.reconsider();
    expect(t.installs()).toBe(1);
  });

  it('installs at once on "restart now" outside a meeting', () => {
    const t = setup();
    t.download();
    t.controller.restartNow();
    expect(t.installs()).toBe(1);
  });

  it('decides the rollout for electron-updater and marks a required update', () => {
    const t = setup();
    // Bucket 0.9 is outside a 50 % rollout, but 1.0.0 is below the minimum 1.0.2: required.
    expect(t.controller.accepts({ version: '1.1.0', stagingPercentage: 50 })).toBe(true);
    t.controller.available('1.1.0');
    expect(t.controller.get()).toEqual({ status: 'available', version: '1.1.0', required: true });
  });

  it('says no to every release when updates are off', () => {
    const meeting = new MeetingStateHolder();
    const controller = new UpdateController({ meeting, emit: () => undefined, log: memoryLog().log });
    controller.off('turned off by policy');
    expect(controller.accepts({ version: '9.0.0' })).toBe(false);
    expect(controller.get()).toEqual({ status: 'off', reason: 'turned off by policy' });
    expect(() => controller.restartNow()).toThrow(expect.objectContaining({ code: 'NO_UPDATE' }));
  });
});
