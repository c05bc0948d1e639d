// Reading call detail records. Visibility is part of every query: an administrator sees every
// session, anyone else only sessions in which they had a leg (their user id as identity).
import { sql, type Kysely } from 'kysely';
import type { AuthUser } from '../auth/plugin.js';
import type { Tables } from '../db/schema.js';
import type { CdrCursor } from './cursor.js';

export interface SessionFilter {
  viewer: AuthUser;
  fromMs?: number;
  toMs?: number;
  /** A room id or slug. */
  room?: string;
  /** Part of a participant's display name (as in the leg) or username, in any case. */
  person?: string;
}

/** A LIKE pattern matching `text` anywhere, its own % _ and \ taken literally (ESCAPE '\'). */
function containsPattern(text: string): string {
  return `%${text.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

export interface SessionRow {
  id: string;
  room_sid: string;
  room_name: string;
  started_at: number;
  ended_at: number | null;
  peak_participants: number;
  started_inferred: number;
  ended_inferred: number;
  slug: string | null;
  title: string | null;
  call_id: string | null;
}

function sessionsQuery(db: Kysely<Tables>, viewer: AuthUser) {
  let query = db
    .selectFrom('cdr_sessions as s')
    .leftJoin('rooms as r', 'r.id', 's.room_name')
    // A call's room is one of its own (calls.room_id is unique): at most one call per session.
    .leftJoin('calls as c', 'c.room_id', 's.room_name')
    .select([
      's.id',
      's.room_sid',
      's.room_name',
      's.started_at',
      's.ended_at',
      's.peak_participants',
      's.started_inferred',
      's.ended_inferred',
    ])
    .select(['r.slug', 'r.title', 'c.id as call_id']);
  if (!viewer.isAdmin) {
    query = query.where(({ exists, selectFrom }) =>
      exists(
        selectFrom('cdr_legs as l')
          .select('l.id')
          .whereRef('l.session_id', '=', 's.id')
          .where('l.identity', '=', viewer.id),
      ),
    );
  }
  return query;
}

export async function listSessions(
  db: Kysely<Tables>,
  filter: SessionFilter,
  limit: number,
  after?: CdrCursor,
): Promise<SessionRow[]> {
  let query = sessionsQuery(db, filter.viewer);
  if (filter.fromMs !== undefined) query = query.where('s.started_at', '>=', filter.fromMs);
  if (filter.toMs !== undefined) query = query.where('s.started_at', '<', filter.toMs);
  if (filter.room !== undefined) {
    const room = filter.room;
    query = query.where((eb) => eb.or([eb('s.room_name', '=', room), eb('r.slug', '=', room)]));
  }
  if (filter.person !== undefined) {
    const pattern = containsPattern(filter.person);
    // lower() on both sides: PostgreSQL's LIKE is case-sensitive, SQLite's only for non-ASCII.
    const like = (column: 'l2.name' | 'u.username') =>
      sql<boolean>`lower(${sql.ref(column)}) like ${pattern} escape '\\'`;
    query = query.where(({ exists, selectFrom }) =>
      exists(
        selectFrom('cdr_legs as l2')
          .leftJoin('users as u', 'u.id', 'l2.identity')
          .select('l2.id')
          .whereRef('l2.session_id', '=', 's.id')
          .where((eb) => eb.or([like('l2.name'), like('u.username')])),
      ),
    );
  }
  if (after) {
    query = query.where((eb) =>
      eb.or([
        eb('s.started_at', '<', after.startedAt),
        eb.and([eb('s.started_at', '=', after.startedAt), eb('s.id', '<', after.id)]),
      ]),
    );
  }
  return query.orderBy('s.started_at', 'desc').orderBy('s.id', 'desc').limit(limit).execute();
}

export async function findSession(
  db: Kysely<Tables>,
  viewer: AuthUser,
  id: string,
): Promise<SessionRow | undefined> {
  return sessionsQuery(db, viewer).where('s.id', '=', id).executeTakeFirst();
}

export async function legsOf(db: Kysely<Tables>, sessionIds: readonly string[]) {
  if (sessionIds.length === 0) return [];
  return db
    .selectFrom('cdr_legs')
    .selectAll()
    .where('session_id', 'in', sessionIds)
    .orderBy('joined_at')
    .orderBy('id')
    .execute();
}
