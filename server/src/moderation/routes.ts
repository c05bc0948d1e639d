// Moderation, for hosts only, carried out through LiveKit's RoomService:
// GET /rooms/:id/participants, POST /rooms/:id/participants/:identity/mute {source},
// POST /rooms/:id/mute-all, DELETE /rooms/:id/participants/:identity,
// POST /rooms/:id/lock {locked}, POST /rooms/:id/end.
import type { FastifyPluginAsync } from 'fastify';
import { TrackSource as LkSource, type ParticipantInfo } from 'livekit-server-sdk';
import { z } from 'zod';
import { LiveParticipant, LockRequest, MuteRequest } from '../../../common/api.js';
import { AppError } from '../errors.js';
import type { EnforcementStore } from '../enforcement/store.js';
import type { LiveKitRooms } from '../join/livekit-rooms.js';
import { hostRoom } from '../rooms/access.js';
import { RoomParams } from '../rooms/params.js';
import type { RoomStore } from '../rooms/store.js';

export interface ModerationRoutesOptions {
  rooms: RoomStore;
  livekit: LiveKitRooms;
  /** Remembers removals and lock times, which the enforcer holds people to. */
  enforcement: EnforcementStore;
}

const ParticipantParams = RoomParams.extend({ identity: z.string().min(1).max(200) });

const SOURCES: Record<LkSource, z.infer<typeof LiveParticipant>['tracks'][number]['source']> = {
  [LkSource.UNKNOWN]: 'unknown',
  [LkSource.CAMERA]: 'camera',
  [LkSource.MICROPHONE]: 'microphone',
  [LkSource.SCREEN_SHARE]: 'screen_share',
  [LkSource.SCREEN_SHARE_AUDIO]: 'screen_share_audio',
};

function roleOf(metadata: string): z.infer<typeof LiveParticipant>['role'] {
  try {
    const parsed = LiveParticipant.shape.role.safeParse((JSON.parse(metadata) as { role?: unknown }).role);
    return parsed.success ? parsed.data : null;
  } catch {
    return null; // metadata set by something other than this server
  }
}

function toLive(p: ParticipantInfo): z.infer<typeof LiveParticipant> {
  return {
    identity: p.identity,
    name: p.name,
    role: roleOf(p.metadata),
    tracks: p.tracks.map((t) => ({ sid: t.sid, source: SOURCES[t.source] ?? 'unknown', muted: t.muted })),
  };
}

export const moderationRoutes: FastifyPluginAsync<ModerationRoutesOptions> = async (
  app,
  { rooms, livekit, enforcement },
) => {
  app.addHook('preHandler', app.requireUser);

  const findParticipant = async (roomId: string, identity: string) => {
    const participant = (await livekit.participants(roomId)).find((p) => p.identity === identity);
    if (!participant) throw new AppError('NOT_FOUND', 'That participant is not in the meeting.');
    return participant;
  };

  const muteSource = async (roomId: string, p: ParticipantInfo, source: string) => {
    const tracks = p.tracks.filter((t) => SOURCES[t.source] === source && !t.muted);
    await Promise.all(tracks.map((t) => livekit.mute(roomId, p.identity, t.sid)));
    return tracks.length;
  };

  app.get('/rooms/:id/participants', async (req) => {
    const { id } = RoomParams.parse(req.params);
    const { room } = await hostRoom(rooms, id, req.user);
    return (await livekit.participants(room.id)).map(toLive);
  });

  app.post('/rooms/:id/participants/:identity/mute', async (req) => {
    const { id, identity } = ParticipantParams.parse(req.params);
    const { room } = await hostRoom(rooms, id, req.user);
    const { source } = MuteRequest.parse(req.body);
    const participant = await findParticipant(room.id, identity);
    return { muted: await muteSource(room.id, participant, source) };
  });

  app.post('/rooms/:id/mute-all', async (req) => {
    const { id } = RoomParams.parse(req.params);
    const { room } = await hostRoom(rooms, id, req.user);
    const others = (await livekit.participants(room.id)).filter((p) => p.identity !== req.user.id);
    const counts = await Promise.all(others.map((p) => muteSource(room.id, p, 'microphone')));
    return { muted: counts.reduce((a, b) => a + b, 0) };
  });

  app.delete('/rooms/:id/participants/:identity', async (req, reply) => {
    const { id, identity } = ParticipantParams.parse(req.params);
    const { room } = await hostRoom(rooms, id, req.user);
    await findParticipant(room.id, identity);
    // Recorded first: a reconnect with the token they hold is refused by the enforcer.
    await enforcement.recordRemoval(room.id, identity, req.user.id);
    await livekit.remove(room.id, identity);
    return reply.status(204).send();
  });

  app.post('/rooms/:id/lock', async (req) => {
    const { id } = RoomParams.parse(req.params);
    const { room } = await hostRoom(rooms, id, req.user);
    const { locked } = LockRequest.parse(req.body);
    await enforcement.setLocked(room.id, locked);
    await rooms.update(room.id, { locked: locked ? 1 : 0 });
    return { locked };
  });

  app.post('/rooms/:id/end', async (req, reply) => {
    const { id } = RoomParams.parse(req.params);
    const { room } = await hostRoom(rooms, id, req.user);
    await livekit.endRoom(room.id);
    return reply.status(204).send();
  });
};
