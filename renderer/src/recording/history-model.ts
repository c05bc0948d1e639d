// The history view's list: the app server's call records and the local meeting log merged into
// one timeline (a local meeting belongs to the server record of the same room whose time span
// holds its start), with the recordings of each meeting; which calls it lists; searching,
// filtering and CSV. Pure, so it is tested without a browser.
import type { CdrSession } from '../../../common/api.js';
import type { LocalMeeting, RecordingEntry } from '../../../electron/contract.js';

export interface HistoryRow {
  key: string;
  roomTitle: string;
  roomSlug: string;
  startedAt: string;
  endedAt: string | null;
  durationSeconds: number | null;
  /** Names known for this meeting (from the local log); the server list carries only a count. */
  people: string[];
  peakParticipants: number;
  cdrId: string | null;
  /** The call this was the room of, or null for a meeting in a room. */
  callId: string | null;
  local: LocalMeeting | null;
  recordings: RecordingEntry[];
}

export interface HistoryFilter {
  text: string;
  /** yyyy-mm-dd, inclusive; empty for no bound. */
  from: string;
  to: string;
  recordedOnly: boolean;
}

const SLACK_MS = 60_000;

function spanHolds(row: HistoryRow, atMs: number): boolean {
  const start = Date.parse(row.startedAt) - SLACK_MS;
  const end = row.endedAt ? Date.parse(row.endedAt) + SLACK_MS : Number.POSITIVE_INFINITY;
  return atMs >= start && atMs <= end;
}

function seconds(fromIso: string, toIso: string): number {
  return Math.max(0, Math.round((Date.parse(toIso) - Date.parse(fromIso)) / 1000));
}

/** `callRooms`: room id → call id of the calls known (the Calls strip's), which tell a call in
 *  the local log from a meeting where the server's record of it is not at hand. */
export function mergeHistory(
  server: CdrSession[],
  local: LocalMeeting[],
  recordings: RecordingEntry[],
  callRooms: ReadonlyMap<string, string> = new Map(),
): HistoryRow[] {
  const rows: HistoryRow[] = server.map((s) => ({
    key: `cdr:${s.id}`,
    roomTitle: s.roomTitle ?? s.roomSlug,
    roomSlug: s.roomSlug,
    startedAt: s.startedAt,
    endedAt: s.endedAt,
    durationSeconds: s.durationSeconds,
    people: [],
    peakParticipants: s.peakParticipants,
    cdrId: s.id,
    callId: s.callId,
    local: null,
    recordings: [],
  }));
  // Indexed by room, so merging stays linear-ish with thousands of meetings.
  const bySlug = new Map<string, HistoryRow[]>();
  const index = (row: HistoryRow) => {
    const list = bySlug.get(row.roomSlug);
    if (list) list.push(row);
    else bySlug.set(row.roomSlug, [row]);
  };
  rows.forEach(index);
  for (const meeting of local) {
    const at = Date.parse(meeting.startedAt);
    const row = bySlug.get(meeting.roomSlug)?.find((r) => r.local === null && spanHolds(r, at));
    const names = [...new Set(meeting.participants.map((p) => p.name))];
    if (row) {
      row.local = meeting;
      row.people = names;
      continue;
    }
    const own: HistoryRow = {
      key: `local:${meeting.id}`,
      roomTitle: meeting.roomTitle,
      roomSlug: meeting.roomSlug,
      startedAt: meeting.startedAt,
      endedAt: meeting.endedAt,
      durationSeconds: seconds(meeting.startedAt, meeting.endedAt),
      people: names,
      peakParticipants: names.length,
      cdrId: null,
      callId: callRooms.get(meeting.roomId) ?? null,
      local: meeting,
      recordings: [],
    };
    rows.push(own);
    index(own);
  }
  const byRecording = new Map<string, HistoryRow>();
  for (const row of rows) for (const id of row.local?.recordingIds ?? []) byRecording.set(id, row);
  for (const recording of recordings) {
    const at = Date.parse(recording.startedAt);
    // The meeting that lists it, else one of the same room (id or title) whose span holds it.
    const row =
      byRecording.get(recording.id) ??
      rows.find(
        (r) =>
          (r.local?.roomId === recording.roomId || r.roomTitle === recording.roomTitle) && spanHolds(r, at),
      );
    row?.recordings.push(recording);
  }
  return rows.sort((a, b) => b.startedAt.localeCompare(a.startedAt));
}

/** Whether a meeting has more than the Calls strip shows of a call: a recording or its chat. */
export const hasMoreThanACall = (row: HistoryRow): boolean =>
  row.recordings.length > 0 || (row.local?.chat.length ?? 0) > 0;

/** The meeting list: every meeting, and a call only when it has a recording or chat to open
 *  (the row then says it was a call). Any other call shows once, in the Calls strip. */
export const listedRows = (rows: HistoryRow[]): HistoryRow[] =>
  rows.filter((row) => row.callId === null || hasMoreThanACall(row));

/** The server's records with those found by a person search added (once each, by id). */
export function withServerMatches(server: CdrSession[], matches: CdrSession[]): CdrSession[] {
  if (matches.length === 0) return server;
  const known = new Set(server.map((s) => s.id));
  const extra = matches.filter((s) => !known.has(s.id));
  return extra.length === 0 ? server : [...server, ...extra];
}

/** The date range as the CDR API's from/to (local midnight to end of day), for the server query. */
export function serverDateRange(filter: Pick<HistoryFilter, 'from' | 'to'>): { from?: string; to?: string } {
  return {
    ...(filter.from ? { from: new Date(`${filter.from}T00:00:00`).toISOString() } : {}),
    ...(filter.to ? { to: new Date(`${filter.to}T23:59:59.999`).toISOString() } : {}),
  };
}

/** `serverMatches`: ids of server records the server found for the search text as a person (the
 *  server list carries no names, so only the server can tell). */
export function filterHistory(
  rows: HistoryRow[],
  filter: HistoryFilter,
  serverMatches: ReadonlySet<string> = new Set(),
): HistoryRow[] {
  const text = filter.text.trim().toLowerCase();
  const from = filter.from ? Date.parse(`${filter.from}T00:00:00`) : Number.NEGATIVE_INFINITY;
  const to = filter.to ? Date.parse(`${filter.to}T23:59:59.999`) : Number.POSITIVE_INFINITY;
  return rows.filter((row) => {
    const at = Date.parse(row.startedAt);
    if (at < from || at > to) return false;
    if (filter.recordedOnly && row.recordings.length === 0) return false;
    if (!text) return true;
    return (
      row.roomTitle.toLowerCase().includes(text) ||
      row.roomSlug.includes(text) ||
      (row.cdrId !== null && serverMatches.has(row.cdrId)) ||
      row.people.some((name) => name.toLowerCase().includes(text))
    );
  });
}

const CSV_HEADER = ['date', 'room', 'duration_seconds', 'participants', 'people', 'recorded'];

/** RFC 4180 quoting; cells that a spreadsheet would run as a formula get a leading '. */
function cell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

export function historyCsv(rows: HistoryRow[]): string {
  const lines = rows.map((r) =>
    [
      r.startedAt,
      r.roomTitle,
      r.durationSeconds === null ? '' : String(r.durationSeconds),
      String(Math.max(r.peakParticipants, r.people.length)),
      r.people.join('; '),
      r.recordings.length > 0 ? 'yes' : 'no',
    ]
      .map(cell)
      .join(','),
  );
  return `${[CSV_HEADER.join(','), ...lines].join('\r\n')}\r\n`;
}
