// POST /recordings/saved: a client reports a local recording (metadata only). Anyone signed in
// who took part in that room may report one; it becomes a `recording.saved` webhook, queued in
// the same transaction as the check.
import type { FastifyPluginAsync } from 'fastify';
import { serve } from '../api/serve.js';
import type { Database } from '../db/database.js';
import { AppError } from '../errors.js';
import { enqueueMessage } from './enqueue.js';

export interface RecordingRoutesOptions {
  database: Database;
  onQueued: () => void;
}

export const recordingRoutes: FastifyPluginAsync<RecordingRoutesOptions> = async (
  app,
  { database, onQueued },
) => {
  serve(app, {
    'recordings.saved': async (req) => {
      const { body } = req;
      const user = req.user;
      const now = Date.now();
      const queued = await database.db.transaction().execute(async (trx) => {
        const leg = await trx
          .selectFrom('cdr_legs as l')
          .innerJoin('cdr_sessions as s', 's.id', 'l.session_id')
          .select('s.id')
          .where('s.room_name', '=', body.roomId)
          .where('l.identity', '=', user.id)
          .limit(1)
          .executeTakeFirst();
        if (!leg) throw new AppError('FORBIDDEN', 'You have not taken part in that room.');
        return enqueueMessage(
          trx,
          {
            type: 'recording.saved',
            timestamp: new Date(now).toISOString(),
            data: {
              roomId: body.roomId,
              userId: user.id,
              username: user.username,
              startedAt: body.startedAt,
              durationSeconds: body.durationSeconds,
              sizeBytes: body.sizeBytes,
              mimeType: body.mimeType,
              recovered: body.recovered ?? false,
            },
          },
          now,
        );
      });
      if (queued > 0) onQueued();
      return { accepted: true };
    },
  });
};
