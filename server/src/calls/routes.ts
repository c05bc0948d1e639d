// The handlers of the calls endpoints of the route table (common/api/routes/calls.ts): placing and
// acting on calls, the missed-calls badge, and GET /cdr/calls (administrators see every call,
// others the calls they were in).
import type { FastifyPluginAsync } from 'fastify';
import type { CallList, CallListQuery } from '../../../common/calls.js';
import type { z } from 'zod';
import { serve } from '../api/serve.js';
import type { AuthUser } from '../auth/plugin.js';
import { decodeCursor, encodeCursor } from '../cdr/cursor.js';
import type { Database } from '../db/database.js';
import type { CallService } from './service.js';
import { listCalls, missedCount, viewsOf } from './store.js';

export interface CallRoutesOptions {
  database: Database;
  calls: CallService;
  /** After a call is placed or someone is added: when to look for unanswered legs. */
  onRinging: () => void;
}

export const callRoutes: FastifyPluginAsync<CallRoutesOptions> = async (
  app,
  { database, calls, onRinging },
) => {
  const { db } = database;

  const page = async (
    user: AuthUser,
    everyone: boolean,
    query: z.output<typeof CallListQuery>,
  ): Promise<CallList> => {
    const cursor = query.cursor ? decodeCursor(query.cursor) : undefined;
    const rows = await listCalls(db, {
      userId: user.id,
      everyone,
      missedOnly: query.missed === 'true',
      limit: query.limit + 1,
      ...(cursor ? { after: { createdAt: cursor.startedAt, id: cursor.id } } : {}),
    });
    const shown = rows.slice(0, query.limit);
    const last = shown.at(-1);
    return {
      calls: await viewsOf(db, shown),
      nextCursor:
        rows.length > query.limit && last ? encodeCursor({ startedAt: last.created_at, id: last.id }) : null,
    };
  };

  serve(app, {
    'calls.place': async (req) => {
      const view = await calls.place(req.user, req.body.callees, req.body.video);
      onRinging();
      return view;
    },
    'calls.list': (req) => page(req.user, false, req.query),
    'cdr.calls': (req) => page(req.user, req.user.isAdmin, req.query),
    'calls.get': (req) => calls.view(req.params.id, req.user),
    'calls.answer': (req) => calls.answer(req.params.id, req.user),
    'calls.decline': (req) => calls.decline(req.params.id, req.user, req.body?.message || null),
    'calls.cancel': (req) => calls.cancel(req.params.id, req.user),
    'calls.add': async (req) => {
      const view = await calls.add(req.params.id, req.user, req.body.userId);
      onRinging();
      return view;
    },
    'calls.missedCount': async (req) => ({ count: await missedCount(db, req.user.id) }),
    'calls.missedSeen': async (req) => {
      const now = Date.now();
      await db
        .insertInto('user_presence')
        .values({
          user_id: req.user.id,
          status: 'available',
          in_meeting: 0,
          updated_at: now,
          missed_seen_at: now,
        })
        .onConflict((oc) => oc.column('user_id').doUpdateSet({ missed_seen_at: now }))
        .execute();
      await app.push.hub.publish(req.user.id, { type: 'calls.missed', count: 0 });
      return { count: 0 };
    },
  });
};
