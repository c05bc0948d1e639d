// The app server's side of LiveKit's RoomService: create a room once (with its limits), count
// and list participants, and the moderation actions. The LiveKit room name is the room id.
// When LiveKit cannot be reached the caller gets 503 UNAVAILABLE, not a 500.
import { RoomServiceClient, TwirpError, type ParticipantInfo } from 'livekit-server-sdk';
import { AppError } from '../errors.js';

const EMPTY_TIMEOUT_SECONDS = 5 * 60;

const isNotFound = (err: unknown) => err instanceof TwirpError && err.status === 404;

async function reach<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (err) {
    if (err instanceof AppError || isNotFound(err)) throw err;
    throw new AppError('UNAVAILABLE', 'The media server cannot be reached. Try again shortly.', undefined, {
      cause: err,
    });
  }
}

export class LiveKitRooms {
  private readonly client: RoomServiceClient;

  constructor(apiUrl: string, apiKey: string, apiSecret: string) {
    this.client = new RoomServiceClient(apiUrl, apiKey, apiSecret);
  }

  /** Asked on every join, never from a cache: it is also how a join learns that LiveKit is
   *  unreachable (503 UNAVAILABLE) before handing out a token that could not connect. */
  async ensureRoom(roomId: string, maxParticipants: number | null): Promise<void> {
    // createRoom is idempotent in LiveKit: an existing room is returned as it is.
    await reach(() =>
      this.client.createRoom({
        name: roomId,
        emptyTimeout: EMPTY_TIMEOUT_SECONDS,
        ...(maxParticipants ? { maxParticipants } : {}),
      }),
    );
  }

  /** Live participants; an unknown room has none. */
  async participants(roomId: string): Promise<ParticipantInfo[]> {
    try {
      return await reach(() => this.client.listParticipants(roomId));
    } catch (err) {
      if (isNotFound(err)) return [];
      throw err;
    }
  }

  async mute(roomId: string, identity: string, trackSid: string): Promise<void> {
    await reach(() => this.client.mutePublishedTrack(roomId, identity, trackSid, true));
  }

  /** Sets participant attributes; an empty value removes that attribute. */
  async setAttributes(roomId: string, identity: string, attributes: Record<string, string>): Promise<void> {
    await reach(() => this.client.updateParticipant(roomId, identity, { attributes }));
  }

  /** Replaces the room's metadata; a room with no live meeting has none to change (the next
   *  join reads the setting from the database anyway). */
  async setRoomMetadataIfLive(roomId: string, metadata: string): Promise<void> {
    try {
      await reach(() => this.client.updateRoomMetadata(roomId, metadata));
    } catch (err) {
      if (!isNotFound(err)) throw err;
    }
  }

  async remove(roomId: string, identity: string): Promise<void> {
    await reach(() => this.client.removeParticipant(roomId, identity));
  }

  /** Removes the participant if LiveKit still has them; someone already gone is not an error. */
  async removeIfPresent(roomId: string, identity: string): Promise<void> {
    try {
      await this.remove(roomId, identity);
    } catch (err) {
      if (!isNotFound(err)) throw err;
    }
  }

  async endRoom(roomId: string): Promise<void> {
    try {
      await reach(() => this.client.deleteRoom(roomId));
    } catch (err) {
      if (!isNotFound(err)) throw err;
    }
  }
}
