// The recording mark others see (route table: recording.mark / recording.unmark):
// POST /rooms/:id/recording sets the participant attribute `convene.recording` on the caller's
// own participant, DELETE /rooms/:id/recording removes it. Only this server can set it (tokens
// may not change their own metadata or attributes), so no client can fake or hide it; it goes
// away with the participant when the recorder leaves or its connection dies. A host may forbid
// recording by others (room setting allowRecording). Setting the mark queues a
// `recording.started` webhook (metadata only).
import type { FastifyPluginAsync } from 'fastify';
import { serve } from '../api/serve.js';
import type { Database } from '../db/database.js';
import { AppError } from '../errors.js';
import type { LiveKitRooms } from '../livekit/rooms.js';
import { accessRoom } from '../rooms/access.js';
import type { RoomStore } from '../rooms/store.js';
import { enqueueMessage } from '../webhooks-out/enqueue.js';

export const RECORDING_ATTRIBUTE = 'convene.recording';

export interface RecordingMarkOptions {
  rooms: RoomStore;
  livekit: LiveKitRooms;
  database: Database;
  onQueued: () => void;
}

export const recordingMarkRoutes: FastifyPluginAsync<RecordingMarkOptions> = async (
  app,
  { rooms, livekit, database, onQueued },
) => {
  const ownParticipant = async (roomId: string, identity: string) =>
    (await livekit.participants(roomId)).find((p) => p.identity === identity);

  serve(app, {
    'recording.mark': async (req) => {
      const { room, role } = await accessRoom(rooms, req.params.id, req.user);
      if (role !== 'host' && room.allow_recording !== 1) {
        throw new AppError('RECORDING_FORBIDDEN', 'The host of this meeting does not allow recording.');
      }
      if (!(await ownParticipant(room.id, req.user.id))) {
        throw new AppError('CONFLICT', 'Join the meeting before recording it.');
      }
      await livekit.setAttributes(room.id, req.user.id, { [RECORDING_ATTRIBUTE]: 'true' });
      const now = new Date();
      const queued = await database.db.transaction().execute((trx) =>
        enqueueMessage(
          trx,
          {
            type: 'recording.started',
            timestamp: now.toISOString(),
            data: {
              roomId: room.id,
              userId: req.user.id,
              username: req.user.username,
              startedAt: now.toISOString(),
            },
          },
          now.getTime(),
        ),
      );
      if (queued > 0) onQueued();
      return { recording: true as const };
    },

    'recording.unmark': async (req) => {
      const { room } = await accessRoom(rooms, req.params.id, req.user);
      const participant = await ownParticipant(room.id, req.user.id);
      // Already gone from the meeting: the mark went with the participant.
      if (participant?.attributes[RECORDING_ATTRIBUTE]) {
        await livekit.setAttributes(room.id, req.user.id, { [RECORDING_ATTRIBUTE]: '' });
      }
    },
  });
};
