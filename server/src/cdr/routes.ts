// GET /cdr/sessions, /cdr/sessions/:id and /cdr/sessions.csv: call detail records for whoever
// may see them (see queries.ts). Query strings are validated with the shared CdrQuery schema.
import type { FastifyPluginAsync } from 'fastify';
import { z } from 'zod';
import { CdrQuery, type CdrPage, type CdrSessionDetail } from '../../../common/api.js';
import type { AuthUser } from '../auth/plugin.js';
import type { Database } from '../db/database.js';
import { AppError } from '../errors.js';
import { cdrCsv } from './csv-export.js';
import { decodeCursor, encodeCursor } from './cursor.js';
import { presentLeg, presentSession } from './present.js';
import { findSession, legsOf, listSessions, type SessionFilter } from './queries.js';

const IdParams = z.strictObject({ id: z.string().min(1).max(100) });

export function filterFrom(query: z.infer<typeof CdrQuery>, viewer: AuthUser): SessionFilter {
  const filter: SessionFilter = { viewer };
  if (query.from) filter.fromMs = Date.parse(query.from);
  if (query.to) filter.toMs = Date.parse(query.to);
  if (query.room) filter.room = query.room;
  if (filter.fromMs !== undefined && filter.toMs !== undefined && filter.fromMs > filter.toMs) {
    throw new AppError('VALIDATION', '"from" must not be after "to".');
  }
  return filter;
}

export const cdrRoutes: FastifyPluginAsync<{ database: Database }> = async (app, { database }) => {
  const { db } = database;

  app.get('/cdr/sessions', { preHandler: app.requireUser }, async (req): Promise<CdrPage> => {
    const query = CdrQuery.parse(req.query);
    const after = query.cursor ? decodeCursor(query.cursor) : undefined;
    // One row more than asked tells whether another page exists.
    const rows = await listSessions(db, filterFrom(query, req.user), query.limit + 1, after);
    const page = rows.slice(0, query.limit);
    const last = page.at(-1);
    return {
      sessions: page.map(presentSession),
      nextCursor:
        rows.length > query.limit && last ? encodeCursor({ startedAt: last.started_at, id: last.id }) : null,
    };
  });

  app.get('/cdr/sessions.csv', { preHandler: app.requireUser }, async (req, reply) => {
    const query = CdrQuery.omit({ limit: true, cursor: true }).parse(req.query);
    const csv = await cdrCsv(db, filterFrom({ ...query, limit: 1 }, req.user));
    return reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', 'attachment; filename="convene-cdr.csv"')
      .send(csv);
  });

  app.get('/cdr/sessions/:id', { preHandler: app.requireUser }, async (req): Promise<CdrSessionDetail> => {
    const { id } = IdParams.parse(req.params);
    const session = await findSession(db, req.user, id);
    // Someone else's session answers like a missing one, so ids reveal nothing.
    if (!session) throw new AppError('NOT_FOUND', 'No such call record.');
    const legs = await legsOf(db, [session.id]);
    return { ...presentSession(session), legs: legs.map(presentLeg) };
  });
};
