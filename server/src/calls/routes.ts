// Calls: POST /calls (place), GET /calls (mine, paged), GET /calls/:id, POST /calls/:id/answer,
// /decline, /cancel and /add; GET /calls/missed/count and POST /calls/missed/seen for the badge.
// GET /cdr/calls lists calls with outcome and ring time per callee for the call detail records
// (administrators see every call, others the calls they were in).
import type { FastifyPluginAsync } from 'fastify';
import { z } from 'zod';
import {
  AddToCallRequest,
  CallListQuery,
  DeclineCallRequest,
  PlaceCallRequest,
  type CallList,
  type MissedCount,
} from '../../../common/calls.js';
import type { AuthUser } from '../auth/plugin.js';
import { decodeCursor, encodeCursor } from '../cdr/cursor.js';
import type { Database } from '../db/database.js';
import type { CallService } from './service.js';
import { listCalls, missedCount, viewsOf } from './store.js';

const CallParams = z.strictObject({ id: z.string().min(1).max(100) });

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
  app.addHook('preHandler', app.requireUser);

  app.post('/calls', async (req, reply) => {
    const body = PlaceCallRequest.parse(req.body);
    const view = await calls.place(req.user, body.callees, body.video);
    onRinging();
    return reply.status(201).send(view);
  });

  app.get('/calls/missed/count', async (req): Promise<MissedCount> => ({
    count: await missedCount(db, req.user.id),
  }));

  app.post('/calls/missed/seen', async (req): Promise<MissedCount> => {
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
  });

  const page = async (user: AuthUser, everyone: boolean, rawQuery: unknown): Promise<CallList> => {
    const query = CallListQuery.parse(rawQuery);
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
  app.get('/calls', (req) => page(req.user, false, req.query));
  app.get('/cdr/calls', (req) => page(req.user, req.user.isAdmin, req.query));

  app.get('/calls/:id', (req) => calls.view(CallParams.parse(req.params).id, req.user));
  app.post('/calls/:id/answer', (req) => calls.answer(CallParams.parse(req.params).id, req.user));
  app.post('/calls/:id/decline', (req) => {
    const { message } = DeclineCallRequest.parse(req.body ?? {});
    return calls.decline(CallParams.parse(req.params).id, req.user, message || null);
  });
  app.post('/calls/:id/cancel', (req) => calls.cancel(CallParams.parse(req.params).id, req.user));
  app.post('/calls/:id/add', async (req) => {
    const { userId } = AddToCallRequest.parse(req.body);
    const view = await calls.add(CallParams.parse(req.params).id, req.user, userId);
    onRinging();
    return view;
  });
};
