// What LiveKit says is live right now: its rooms (by sid) and their participants. Read after the
// records, so anything the records gained meanwhile is simply not judged in this pass.
import type { ParticipantInfo, Room } from 'livekit-server-sdk';

export interface LiveRoom {
  sid: string;
  name: string;
  startedAtMs: number;
  participants: LiveParticipant[];
}

export interface LiveParticipant {
  sid: string;
  identity: string;
  name: string;
  metadata: string;
  joinedAtMs: number;
}

/** The two RoomService calls the reconciler needs (LiveKitRooms or a RoomServiceClient). */
export interface RoomLister {
  listRooms(): Promise<Room[]>;
  listParticipants(room: string): Promise<ParticipantInfo[]>;
}

const ms = (millis: bigint, seconds: bigint, fallback: number) =>
  millis > 0n ? Number(millis) : seconds > 0n ? Number(seconds) * 1000 : fallback;

/** Throws when LiveKit cannot be reached: then nothing may be judged missing. */
export async function readLiveKit(lister: RoomLister, now: number): Promise<Map<string, LiveRoom>> {
  const rooms = await lister.listRooms();
  const live = new Map<string, LiveRoom>();
  for (const room of rooms) {
    const participants = await lister.listParticipants(room.name);
    live.set(room.sid, {
      sid: room.sid,
      name: room.name,
      startedAtMs: ms(room.creationTimeMs, room.creationTime, now),
      participants: participants.map((p) => ({
        sid: p.sid,
        identity: p.identity,
        name: p.name,
        metadata: p.metadata,
        joinedAtMs: ms(p.joinedAtMs, p.joinedAt, now),
      })),
    });
  }
  return live;
}

/**
 * The part of a room old enough to be judged missing from the records: what LiveKit began or let
 * in after `cutoff` may have its webhook still on the way (it is delivered in milliseconds, but
 * retried for seconds), and opening it from LiveKit would mark times inferred that an event is
 * about to tell exactly. Null when the room itself is that new.
 */
export function settledBy(room: LiveRoom, cutoff: number): LiveRoom | null {
  if (room.startedAtMs > cutoff) return null;
  return { ...room, participants: room.participants.filter((p) => p.joinedAtMs <= cutoff) };
}
