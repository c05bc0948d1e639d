// Database rows to the API's CDR shapes (common/api.ts), with durations computed on the way.
import { Role, TrackSource, type CdrLeg, type CdrSession } from '../../../common/api.js';
import type { SessionRow } from './queries.js';
import type { CdrLegsTable } from './tables.js';

const iso = (ms: number) => new Date(ms).toISOString();

export function durationSeconds(startMs: number, endMs: number | null): number | null {
  return endMs === null ? null : Math.max(0, Math.round((endMs - startMs) / 1000));
}

export function presentSession(row: SessionRow): CdrSession {
  return {
    id: row.id,
    roomSid: row.room_sid,
    // Rooms LiveKit knows but the app does not (deleted, or made outside it) show their name.
    roomSlug: row.slug ?? row.room_name,
    roomTitle: row.title,
    startedAt: iso(row.started_at),
    endedAt: row.ended_at === null ? null : iso(row.ended_at),
    durationSeconds: durationSeconds(row.started_at, row.ended_at),
    peakParticipants: row.peak_participants,
    inferred: [
      ...(row.started_inferred === 1 ? (['startedAt'] as const) : []),
      ...(row.ended_inferred === 1 ? (['endedAt'] as const) : []),
    ],
    callId: row.call_id,
  };
}

export function presentLeg(row: CdrLegsTable): CdrLeg {
  const role = Role.safeParse(row.role);
  return {
    identity: row.identity,
    name: row.name,
    role: role.success ? role.data : null,
    joinedAt: iso(row.joined_at),
    leftAt: row.left_at === null ? null : iso(row.left_at),
    durationSeconds: durationSeconds(row.joined_at, row.left_at),
    address: row.address,
    userAgent: row.user_agent,
    tracks: (JSON.parse(row.tracks) as unknown[]).flatMap((t) => {
      const source = TrackSource.safeParse(t);
      return source.success ? [source.data] : [];
    }),
    inferred: [
      ...(row.joined_inferred === 1 ? (['joinedAt'] as const) : []),
      ...(row.left_inferred === 1 ? (['leftAt'] as const) : []),
    ],
  };
}
