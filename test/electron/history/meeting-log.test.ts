// The local meeting log main keeps for the history view: survives a restart, keeps a corrupt
// file aside, and the contract refuses a malformed meeting before it reaches the log.
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { methods, type LocalMeeting } from '../../../electron/contract.js';
import { MeetingLog } from '../../../electron/services/history/meeting-log.js';
import { memoryLog } from '../support/memory-log.js';

const meeting = (id: string, startedAt: string): LocalMeeting => ({
  id,
  roomId: 'room-1',
  roomSlug: 'design',
  roomTitle: 'Design review',
  startedAt,
  endedAt: '2026-11-30T11:00:00.000Z',
  participants: [{ identity: 'a', name: 'Alice', joinedAt: startedAt, leftAt: null }],
  chat: [{ at: startedAt, from: 'Alice', text: 'hi' }],
  recordingIds: [],
});

describe('MeetingLog', () => {
  it('keeps meetings across a restart, newest first, one per id', async () => {
    const path = join(await mkdtemp(join(tmpdir(), 'convene-log-')), 'meetings.json');
    const first = new MeetingLog(path, memoryLog().log);
    await first.load();
    await first.save(meeting('7f0c5f7e-6d2e-4a8e-9f49-4d61b2f1d0a1', '2026-11-30T10:00:00.000Z'));
    await first.save(meeting('7f0c5f7e-6d2e-4a8e-9f49-4d61b2f1d0a2', '2026-11-30T10:30:00.000Z'));
    await first.save({
      ...meeting('7f0c5f7e-6d2e-4a8e-9f49-4d61b2f1d0a1', '2026-11-30T10:00:00.000Z'),
      roomTitle: 'Renamed',
    });
    const again = new MeetingLog(path, memoryLog().log);
    await again.load();
    expect(again.all().map((m) => [m.id.slice(-1), m.roomTitle])).toEqual([
      ['2', 'Design review'],
      ['1', 'Renamed'],
    ]);
  });

  it('keeps an unreadable file aside and starts empty', async () => {
    const path = join(await mkdtemp(join(tmpdir(), 'convene-log-')), 'meetings.json');
    await writeFile(path, '{"version":1,"meetings":[{"id":1}]}');
    const log = new MeetingLog(path, memoryLog().log);
    await log.load();
    expect(log.all()).toEqual([]);
    expect(log.warning).toMatch(/kept as .*corrupt-/);
  });

  it('is reached only with a valid meeting (history.save validates at the boundary)', () => {
    const good = meeting('7f0c5f7e-6d2e-4a8e-9f49-4d61b2f1d0a1', '2026-11-30T10:00:00.000Z');
    expect(methods['history.save'].args.safeParse(good).success).toBe(true);
    expect(methods['history.save'].args.safeParse({ ...good, startedAt: 'yesterday' }).success).toBe(false);
    expect(methods['history.save'].args.safeParse({ ...good, extra: 1 }).success).toBe(false);
  });
});
