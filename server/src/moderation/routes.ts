// Moderation, for hosts only, carried out through LiveKit's RoomService:
// GET /rooms/:id/participants, POST /rooms/:id/participants/:identity/mute {source},
// POST /rooms/:id/mute-all, DELETE /rooms/:id/participants/:identity,
// POST /rooms/:id/lock {locked}, POST /rooms/:id/end.
import type { FastifyPluginAsync } from 'fastify';
import { TrackSource as LkSource, type ParticipantInfo } from 'livekit-server-sdk';
import type { z } from 'zod';
import { LiveParticipant } from '../../../common/api.js';
import { serve } from '../api/serve.js';
import { AppError } from '../errors.js';
import type { EnforcementStore } from '../enforcement/store.js';
import type { LiveKitRooms } from '../join/livekit-rooms.js';
import type { RoomStore } from '../rooms/store.js';

export interface ModerationRoutesOptions {
  rooms: RoomStore;
  livekit: LiveKitRooms;
  /** Remembers removals and lock times, which the enforcer holds people to. */
  enforcement: EnforcementStore;
}

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

  serve(app, {
    'moderation.participants': async (req) =>
      (await livekit.participants(req.roomAccess.room.id)).map(toLive),

    'moderation.mute': async (req) => {
      const { room } = req.roomAccess;
      const participant = await findParticipant(room.id, req.params.identity);
      return { muted: await muteSource(room.id, participant, req.body.source) };
    },

    'moderation.muteAll': async (req) => {
      const { room } = req.roomAccess;
      const others = (await livekit.participants(room.id)).filter((p) => p.identity !== req.user.id);
      const counts = await Promise.all(others.map((p) => muteSource(room.id, p, 'microphone')));
      return { muted: counts.reduce((a, b) => a + b, 0) };
    },

    'moderation.remove': async (req) => {
      const { room } = req.roomAccess;
      await findParticipant(room.id, req.params.identity);
      // Recorded first: a reconnect with the token they hold is refused by the enforcer.
      await enforcement.recordRemoval(room.id, req.params.identity, req.user.id);
      await livekit.remove(room.id, req.params.identity);
    },

    'moderation.lock': async (req) => {
      const { locked } = req.body;
      await enforcement.setLocked(req.roomAccess.room.id, locked);
      await rooms.update(req.roomAccess.room.id, { locked: locked ? 1 : 0 });
      return { locked };
    },

    'moderation.end': async (req) => {
      await livekit.endRoom(req.roomAccess.room.id);
    },
  });
};
