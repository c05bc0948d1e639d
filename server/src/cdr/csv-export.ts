// The CDR as CSV: one line per leg, with its session's columns repeated, so a spreadsheet can
// sum minutes per person or per room. A session without legs still gets one line.
import type { Kysely } from 'kysely';
import type { Tables } from '../db/schema.js';
import { csvLine } from './csv.js';
import type { CdrCursor } from './cursor.js';
import { presentLeg, presentSession } from './present.js';
import { legsOf, listSessions, type SessionFilter } from './queries.js';

const HEADER = [
  'session_id',
  'room_sid',
  'room_slug',
  'room_title',
  'session_started_at',
  'session_ended_at',
  'session_duration_seconds',
  'peak_participants',
  'identity',
  'name',
  'role',
  'joined_at',
  'left_at',
  'leg_duration_seconds',
  'address',
  'user_agent',
  'tracks',
  // Times the reconciler inferred after an outage, e.g. "session_ended_at;left_at".
  'inferred',
];
const PAGE = 200;
/** An export larger than this is cut; narrow it with from/to/room. */
export const CSV_MAX_SESSIONS = 20_000;

export async function cdrCsv(db: Kysely<Tables>, filter: SessionFilter): Promise<string> {
  const lines = [csvLine(HEADER)];
  let after: CdrCursor | undefined;
  for (let exported = 0; exported < CSV_MAX_SESSIONS; exported += PAGE) {
    const sessions = await listSessions(db, filter, PAGE, after);
    const legs = await legsOf(
      db,
      sessions.map((s) => s.id),
    );
    for (const row of sessions) {
      const s = presentSession(row);
      const head = [s.id, s.roomSid, s.roomSlug, s.roomTitle, s.startedAt, s.endedAt, s.durationSeconds];
      const sessionLegs = legs.filter((l) => l.session_id === row.id).map(presentLeg);
      const sessionInferred = s.inferred.map((f) =>
        f === 'startedAt' ? 'session_started_at' : 'session_ended_at',
      );
      if (sessionLegs.length === 0) {
        const blanks = Array<null>(HEADER.length - head.length - 2).fill(null);
        lines.push(csvLine([...head, s.peakParticipants, ...blanks, sessionInferred.join(';')]));
      }
      for (const l of sessionLegs) {
        lines.push(
          csvLine([
            ...head,
            s.peakParticipants,
            l.identity,
            l.name,
            l.role,
            l.joinedAt,
            l.leftAt,
            l.durationSeconds,
            l.address,
            l.userAgent,
            l.tracks.join(';'),
            [...sessionInferred, ...l.inferred.map((f) => (f === 'joinedAt' ? 'joined_at' : 'left_at'))].join(
              ';',
            ),
          ]),
        );
      }
    }
    const last = sessions.at(-1);
    if (sessions.length < PAGE || !last) break;
    after = { startedAt: last.started_at, id: last.id };
  }
  return lines.join('');
}
