// GET /cdr/sessions, /cdr/sessions/:id and /cdr/sessions.csv: call detail records for whoever
// may see them (see queries.ts). Query strings are validated with the shared CdrQuery schema.
import type { FastifyPluginAsync } from 'fastify';
import type { z } from 'zod';
import type { CdrQuery } from '../../../common/api.js';
import { serve } from '../api/serve.js';
import type { AuthUser } from '../auth/plugin.js';
import type { Database } from '../db/database.js';
import { AppError } from '../errors.js';
import { cdrCsv } from './csv-export.js';
import { decodeCursor, encodeCursor } from './cursor.js';
import { presentLeg, presentSession } from './present.js';
import { findSession, legsOf, listSessions, type SessionFilter } from './queries.js';

type Filters = Pick<z.output<typeof CdrQuery>, 'from' | 'to' | 'room' | 'person'>;

export function filterFrom(query: Filters, viewer: AuthUser): SessionFilter {
  const filter: SessionFilter = { viewer };
  if (query.from) filter.fromMs = Date.parse(query.from);
  if (query.to) filter.toMs = Date.parse(query.to);
  if (query.room) filter.room = query.room;
  if (query.person) filter.person = query.person;
  if (filter.fromMs !== undefined && filter.toMs !== undefined && filter.fromMs > filter.toMs) {
    throw new AppError('VALIDATION', '"from" must not be after "to".');
  }
  return filter;
}

export const cdrRoutes: FastifyPluginAsync<{ database: Database }> = async (app, { database }) => {
  const { db } = database;

  serve(app, {
    'cdr.list': async (req) => {
      const { query } = req;
      const after = query.cursor ? decodeCursor(query.cursor) : undefined;
      // One row more than asked tells whether another page exists.
      const rows = await listSessions(db, filterFrom(query, req.user), query.limit + 1, after);
      const page = rows.slice(0, query.limit);
      const last = page.at(-1);
      return {
        sessions: page.map(presentSession),
        nextCursor:
          rows.length > query.limit && last
            ? encodeCursor({ startedAt: last.started_at, id: last.id })
            : null,
      };
    },

    'cdr.csv': async (req, reply) => {
      const csv = await cdrCsv(db, filterFrom(req.query, req.user));
      void reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', 'attachment; filename="convene-cdr.csv"');
      return csv;
    },

    'cdr.get': async (req) => {
      const session = await findSession(db, req.user, req.params.id);
      // Someone else's session answers like a missing one, so ids reveal nothing.
      if (!session) throw new AppError('NOT_FOUND', 'No such call record.');
      const legs = await legsOf(db, [session.id]);
      return { ...presentSession(session), legs: legs.map(presentLeg) };
    },
  });
};
