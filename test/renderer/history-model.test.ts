// The history list: server records and the local log merge into one row per meeting, recordings
// attach to their meeting, filters narrow it, and the CSV says what the list says.
import { describe, expect, it } from 'vitest';
import type { CdrSession } from '../../common/api.js';
import type { LocalMeeting, RecordingEntry } from '../../electron/contract.js';
import {
  filterHistory,
  historyCsv,
  listedRows,
  mergeHistory,
  withServerMatches,
} from '../../renderer/src/recording/history-model.js';

const cdr = (id: string, slug: string, start: string, end: string | null): CdrSession => ({
  id,
  roomSid: `RM_${id}`,
  roomSlug: slug,
  roomTitle: slug === 'design' ? 'Design review' : 'Standup',
  startedAt: start,
  endedAt: end,
  durationSeconds: end ? (Date.parse(end) - Date.parse(start)) / 1000 : null,
  peakParticipants: 2,
  inferred: [],
  callId: null,
});

const local: LocalMeeting = {
  id: '7f0c5f7e-6d2e-4a8e-9f49-4d61b2f1d0a1',
  roomId: 'room-design',
  roomSlug: 'design',
  roomTitle: 'Design review',
  startedAt: '2026-11-30T10:00:20.000Z',
  endedAt: '2026-11-30T10:30:00.000Z',
  participants: [
    {
      identity: 'a',
      name: 'Alice Archer',
      joinedAt: '2026-11-30T10:00:20.000Z',
      leftAt: '2026-11-30T10:30:00.000Z',
    },
    {
      identity: 'b',
      name: '=Bob "B"',
      joinedAt: '2026-11-30T10:01:00.000Z',
      leftAt: '2026-11-30T10:20:00.000Z',
    },
  ],
  chat: [{ at: '2026-11-30T10:05:00.000Z', from: 'Alice Archer', text: 'hi' }],
  recordingIds: ['2b0f6a4e-1c1a-4c59-a1f8-4f1e7cc1b7a9'],
};

const recording: RecordingEntry = {
  id: '2b0f6a4e-1c1a-4c59-a1f8-4f1e7cc1b7a9',
  roomId: 'room-design',
  roomTitle: 'Design review',
  startedAt: '2026-11-30T10:02:00.000Z',
  endedAt: '2026-11-30T10:12:00.000Z',
  durationSeconds: 600,
  sizeBytes: 1000,
  path: '/v/a.mp4',
  chatPath: null,
  mimeType: 'video/mp4',
  state: 'complete',
};

const server = [
  cdr('s2', 'standup', '2026-12-01T09:00:00.000Z', '2026-12-01T09:15:00.000Z'),
  cdr('s1', 'design', '2026-11-30T10:00:00.000Z', '2026-11-30T10:30:30.000Z'),
];

describe('history model', () => {
  it('merges the local log into the server record of the same room and time, with its recording', () => {
    const rows = mergeHistory(server, [local], [recording]);
    expect(rows.map((r) => r.key)).toEqual(['cdr:s2', 'cdr:s1']);
    expect(rows[1]).toMatchObject({ people: ['Alice Archer', '=Bob "B"'], durationSeconds: 1830 });
    expect(rows[1]?.recordings.map((r) => r.id)).toEqual([recording.id]);
  });

  it('keeps a meeting the server does not know (offline) as a row of its own', () => {
    const rows = mergeHistory([], [local], [recording]);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ key: `local:${local.id}`, cdrId: null, durationSeconds: 1780 });
    expect(rows[0]?.recordings).toHaveLength(1);
  });

  it('searches by room or person, filters by date and recorded', () => {
    const rows = mergeHistory(server, [local], [recording]);
    const all = { text: '', from: '', to: '', recordedOnly: false };
    expect(filterHistory(rows, { ...all, text: 'bob' }).map((r) => r.key)).toEqual(['cdr:s1']);
    expect(filterHistory(rows, { ...all, text: 'STAND' }).map((r) => r.key)).toEqual(['cdr:s2']);
    expect(filterHistory(rows, { ...all, recordedOnly: true }).map((r) => r.key)).toEqual(['cdr:s1']);
    expect(filterHistory(rows, { ...all, from: '2026-12-01' }).map((r) => r.key)).toEqual(['cdr:s2']);
    expect(filterHistory(rows, { ...all, to: '2026-11-30' }).map((r) => r.key)).toEqual(['cdr:s1']);
  });

  it('finds server records the server matched by person, once each, within the other filters', () => {
    const older = cdr('s0', 'standup', '2026-11-01T09:00:00.000Z', '2026-11-01T09:15:00.000Z');
    // s1 is already paged in, s0 is not: the search brings it in; s1 stays one row.
    const merged = withServerMatches(server, [server[1]!, older]);
    expect(merged.map((s) => s.id)).toEqual(['s2', 's1', 's0']);
    expect(withServerMatches(server, [])).toBe(server);
    const rows = mergeHistory(merged, [local], [recording]);
    const all = { text: 'carol', from: '', to: '', recordedOnly: false };
    const found = new Set(['s1', 's0']);
    expect(filterHistory(rows, all).map((r) => r.key)).toEqual([]);
    expect(filterHistory(rows, all, found).map((r) => r.key)).toEqual(['cdr:s1', 'cdr:s0']);
    expect(filterHistory(rows, { ...all, recordedOnly: true }, found).map((r) => r.key)).toEqual(['cdr:s1']);
    expect(filterHistory(rows, { ...all, from: '2026-11-15' }, found).map((r) => r.key)).toEqual(['cdr:s1']);
  });

  it('lists a call as a meeting only with a recording or chat to open, and then as a call', () => {
    const at = (h: number) => new Date(Date.UTC(2026, 11, 1, h)).toISOString();
    const serverCall = (id: string, h: number): CdrSession => ({
      ...cdr(id, `call-${id}`, at(h), at(h + 1)),
      roomTitle: `Call: ${id}`,
      callId: `call-${id}`,
    });
    const localCall = (id: string, h: number, chat: LocalMeeting['chat']): LocalMeeting => ({
      ...local,
      id: `7f0c5f7e-6d2e-4a8e-9f49-00000000000${h % 10}`,
      roomId: `room-${id}`,
      roomSlug: `call-${id}`,
      roomTitle: `Call: ${id}`,
      startedAt: at(h),
      endedAt: at(h + 1),
      chat,
      recordingIds: [],
    });
    const talk = [{ at: at(3), from: 'Carol Chen', text: 'see you' }];
    const rows = mergeHistory(
      [...server, serverCall('bare', 1), serverCall('recorded', 2)],
      // Not on the server (offline, or its record lost): known as calls from the calls I have.
      [localCall('chatty', 3, talk), localCall('quiet', 4, []), localCall('unknown', 5, [])],
      [{ ...recording, roomId: 'room-recorded', roomTitle: 'Call: recorded', startedAt: at(2) }],
      new Map([
        ['room-chatty', 'call-chatty'],
        ['room-quiet', 'call-quiet'],
      ]),
    );
    const calls = Object.fromEntries(rows.map((r) => [r.roomTitle, r.callId]));
    expect(calls).toMatchObject({ 'Call: bare': 'call-bare', 'Call: chatty': 'call-chatty', Standup: null });
    // A call not known as one (offline: the Calls strip is empty too) stays a meeting, shown once.
    expect(calls['Call: unknown']).toBeNull();
    expect(listedRows(rows).map((r) => r.roomTitle)).toEqual([
      'Standup',
      'Call: unknown',
      'Call: chatty',
      'Call: recorded',
      'Design review',
    ]);
    expect(listedRows(rows).filter((r) => r.callId !== null)).toHaveLength(2);
  });

  it('exports the list as CSV with quoting and formula cells defused', () => {
    const csv = historyCsv(mergeHistory(server, [local], [recording]));
    expect(csv.split('\r\n')).toEqual([
      'date,room,duration_seconds,participants,people,recorded',
      '2026-12-01T09:00:00.000Z,Standup,900,2,,no',
      `2026-11-30T10:00:00.000Z,Design review,1830,2,"Alice Archer; =Bob ""B""",yes`,
      '',
    ]);
  });

  it('merges 10,000 server meetings and 5,000 local ones into one row per meeting', () => {
    const many = Array.from({ length: 10_000 }, (_, i) =>
      cdr(`m${i}`, `room-${i % 50}`, new Date(Date.UTC(2026, 0, 1) + i * 3_600_000).toISOString(), null),
    );
    const locals = Array.from({ length: 5_000 }, (_, i) => ({
      ...local,
      id: `7f0c5f7e-6d2e-4a8e-9f49-${String(i).padStart(12, '0')}`,
      roomSlug: `room-${i % 50}`,
      startedAt: new Date(Date.UTC(2026, 0, 1) + i * 3_600_000 + 1000).toISOString(),
    }));
    const rows = mergeHistory(many, locals, []);
    expect(rows).toHaveLength(10_000);
    expect(rows.filter((r) => r.local !== null)).toHaveLength(5_000);
  });
});
