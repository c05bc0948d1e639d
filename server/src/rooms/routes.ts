// Room CRUD: POST /rooms, GET /rooms?filter=mine|upcoming, GET /rooms/:idOrSlug,
// PATCH /rooms/:id, DELETE /rooms/:id.
import { randomBytes, randomUUID } from 'node:crypto';
import type { FastifyPluginAsync } from 'fastify';
import { serve } from '../api/serve.js';
import type { RoomRow } from '../db/schema.js';
import { AppError } from '../errors.js';
import { accessRoom, roleFor } from './access.js';
import { checkScheduleOrder, toMs } from './schedule.js';
import { toRoom } from './serialize.js';
import type { RoomStore } from './store.js';

export interface RoomRoutesOptions {
  rooms: RoomStore;
  /** Called when a room's LiveKit-side settings change or the room is deleted. */
  onRoomChanged?: (roomId: string) => void;
  /** Ends the live meeting of a deleted room, so nobody stays in a room that no longer exists. */
  endMeeting?: (roomId: string) => Promise<void>;
  /** Stops others' running recordings once the host forbids recording (allowRecording off). */
  recordingForbidden?: (room: RoomRow) => Promise<void>;
  /** Tells the live meeting that allowRecording changed (LiveKit room metadata). */
  settingsChanged?: (room: RoomRow) => Promise<void>;
}

function slugFrom(title: string): string {
  const base = title
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40);
  const suffix = randomBytes(3).toString('hex');
  return /^[a-z0-9]/.test(base) ? `${base}-${suffix}` : `room-${suffix}`;
}

export const roomRoutes: FastifyPluginAsync<RoomRoutesOptions> = async (
  app,
  { rooms, onRoomChanged, endMeeting, recordingForbidden, settingsChanged },
) => {
  serve(app, {
    'rooms.create': async (req) => {
      const { body } = req;
      const slug = body.slug ?? slugFrom(body.title);
      if (await rooms.slugTaken(slug)) throw new AppError('CONFLICT', `The address ${slug} is taken.`);
      const row: RoomRow = {
        id: randomUUID(),
        slug,
        title: body.title,
        owner_id: req.user.id,
        kind: body.kind,
        starts_at: toMs(body.startsAt),
        ends_at: toMs(body.endsAt),
        max_participants: body.maxParticipants ?? null,
        locked: 0,
        waiting_room: body.waitingRoom ? 1 : 0,
        allow_recording: body.allowRecording === false ? 0 : 1,
        created_at: Date.now(),
      };
      checkScheduleOrder(row.starts_at, row.ends_at);
      await rooms.insert(row);
      return toRoom(row, 'host');
    },

    'rooms.list': async (req) => {
      const { filter } = req.query;
      const now = Date.now();
      let rows = await rooms.listForUser(req.user.id);
      if (filter === 'upcoming') {
        rows = rows
          .filter((r) => r.starts_at !== null && (r.ends_at ?? r.starts_at) >= now)
          .sort((a, b) => (a.starts_at ?? 0) - (b.starts_at ?? 0));
      }
      return {
        rooms: rows.map(({ member_role, ...row }) =>
          toRoom(row, roleFor(row, req.user.id, member_role) ?? 'participant'),
        ),
      };
    },

    'rooms.get': async (req) => {
      const { room, role } = await accessRoom(rooms, req.params.id, req.user);
      return toRoom(room, role);
    },

    'rooms.update': async (req) => {
      const { room, role } = req.roomAccess;
      const parsed = req.body;
      // Only the fields sent change; null clears a schedule or a limit.
      const sent = new Set(Object.keys(parsed));
      const next: RoomRow = { ...room };
      if (sent.has('title') && parsed.title !== undefined) next.title = parsed.title;
      if (sent.has('slug') && parsed.slug !== undefined) next.slug = parsed.slug;
      if (sent.has('kind') && parsed.kind !== undefined) next.kind = parsed.kind;
      if (sent.has('startsAt')) next.starts_at = toMs(parsed.startsAt);
      if (sent.has('endsAt')) next.ends_at = toMs(parsed.endsAt);
      if (sent.has('maxParticipants')) next.max_participants = parsed.maxParticipants ?? null;
      if (parsed.waitingRoom !== undefined) next.waiting_room = parsed.waitingRoom ? 1 : 0;
      if (parsed.locked !== undefined) next.locked = parsed.locked ? 1 : 0;
      if (parsed.allowRecording !== undefined) next.allow_recording = parsed.allowRecording ? 1 : 0;
      checkScheduleOrder(next.starts_at, next.ends_at);
      if (next.slug !== room.slug && (await rooms.slugTaken(next.slug, room.id))) {
        throw new AppError('CONFLICT', `The address ${next.slug} is taken.`);
      }
      const { id: _id, owner_id: _owner, created_at: _created, ...values } = next;
      await rooms.update(room.id, values);
      if (next.max_participants !== room.max_participants) onRoomChanged?.(room.id);
      if (room.allow_recording === 1 && next.allow_recording === 0) {
        try {
          await recordingForbidden?.(next);
        } catch (err) {
          // The setting is saved and new marks are refused; a mark LiveKit kept goes with its
          // participant. The host hears of it in the log, not as a failed save.
          req.log.warn({ err, roomId: room.id }, 'could not stop the running recordings');
        }
      }
      if (room.allow_recording !== next.allow_recording) {
        try {
          await settingsChanged?.(next);
        } catch (err) {
          // Saved either way: the server refuses or allows marks by the database, and whoever
          // joins next reads it there; only the Record buttons of those already in lag behind.
          req.log.warn({ err, roomId: room.id }, 'could not tell the live meeting of the new setting');
        }
      }
      return toRoom(next, role);
    },

    'rooms.delete': async (req) => {
      const room = await rooms.findByIdOrSlug(req.params.id);
      if (!room) throw new AppError('NOT_FOUND', 'There is no such room.');
      if (room.owner_id !== req.user.id && !req.user.isAdmin) {
        throw new AppError('FORBIDDEN', 'Only the owner of a room may delete it.');
      }
      await rooms.delete(room.id);
      onRoomChanged?.(room.id);
      try {
        await endMeeting?.(room.id);
      } catch (err) {
        // The room is gone either way; LiveKit closes an abandoned meeting after its empty timeout.
        req.log.warn({ err, roomId: room.id }, 'could not end the live meeting of a deleted room');
      }
    },
  });
};
