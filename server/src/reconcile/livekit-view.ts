// What LiveKit says is live right now: its rooms (by sid) and their participants. Read after the
// records, so anything the records gained meanwhile is simply not judged in this pass.
import type { ParticipantInfo, Room } from 'livekit-server-sdk';
import { millis } from '../livekit/facts.js';

export interface LiveRoom {
  sid: string;
  name: string;
  /** Null when LiveKit did not say (the reconciler then records the time of its pass). */
  startedAtMs: number | null;
  participants: LiveParticipant[];
}

export interface LiveParticipant {
  sid: string;
  identity: string;
  name: string;
  metadata: string;
  joinedAtMs: number | null;
}

/** The two RoomService calls the reconciler needs (LiveKitRooms or a RoomServiceClient). */
export interface RoomLister {
  listRooms(): Promise<Room[]>;
  listParticipants(room: string): Promise<ParticipantInfo[]>;
}

/** Throws when LiveKit cannot be reached: then nothing may be judged missing. */
export async function readLiveKit(lister: RoomLister): Promise<Map<string, LiveRoom>> {
  const rooms = await lister.listRooms();
  const live = new Map<string, LiveRoom>();
  for (const room of rooms) {
    const participants = await lister.listParticipants(room.name);
    live.set(room.sid, {
      sid: room.sid,
      name: room.name,
      startedAtMs: millis(room.creationTimeMs, room.creationTime),
      participants: participants.map((p) => ({
        sid: p.sid,
        identity: p.identity,
        name: p.name,
        metadata: p.metadata,
        joinedAtMs: millis(p.joinedAtMs, p.joinedAt),
      })),
    });
  }
  return live;
}

/**
 * The part of a room old enough to be judged missing from the records: what LiveKit began or let
 * in after `cutoff` may have its webhook still on the way (it is delivered in milliseconds, but
 * retried for seconds), and opening it from LiveKit would mark times inferred that an event is
 * about to tell exactly. Null when the room itself is that new. A time LiveKit did not give
 * cannot be new, so it never holds anything back.
 */
export function settledBy(room: LiveRoom, cutoff: number): LiveRoom | null {
  const isNew = (at: number | null) => at !== null && at > cutoff;
  if (isNew(room.startedAtMs)) return null;
  return { ...room, participants: room.participants.filter((p) => !isNew(p.joinedAtMs)) };
}
