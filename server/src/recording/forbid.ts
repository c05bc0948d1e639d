// When a host switches a room's allowRecording off, recordings already running by others stop
// too: their marks are cleared here, and each recorder's client, seeing its own mark withdrawn,
// finishes its file and says why (renderer/src/recording/recording-controller.svelte.ts). The
// hosts' own marks stay, as hosts may record a room that forbids recording by others.
import type { FastifyBaseLogger } from 'fastify';
import type { RoomRow } from '../db/schema.js';
import type { LiveKitRooms } from '../livekit/rooms.js';
import { roleFor } from '../rooms/access.js';
import type { RoomStore } from '../rooms/store.js';
import { RECORDING_ATTRIBUTE } from './routes.js';

/** Clears the recording mark of every non-host in the live meeting; returns whose it cleared. */
export async function clearOthersMarks(
  rooms: RoomStore,
  livekit: LiveKitRooms,
  room: RoomRow,
  log: FastifyBaseLogger,
): Promise<string[]> {
  const recording = (await livekit.participants(room.id)).filter((p) => p.attributes[RECORDING_ATTRIBUTE]);
  const cleared: string[] = [];
  for (const participant of recording) {
    const found = await rooms.findWithMemberRole(room.id, participant.identity);
    if (roleFor(room, participant.identity, found?.memberRole ?? null) === 'host') continue;
    try {
      await livekit.setAttributes(room.id, participant.identity, { [RECORDING_ATTRIBUTE]: '' });
      cleared.push(participant.identity);
    } catch (err) {
      // One participant who left meanwhile must not keep the others' marks in place.
      log.warn({ err, roomId: room.id, identity: participant.identity }, 'could not clear a recording mark');
    }
  }
  return cleared;
}
