// The app server's side of LiveKit's RoomService: create a room once (with its limits), count
// and list participants, and the moderation actions. The LiveKit room name is the room id.
// When LiveKit cannot be reached the caller gets 503 UNAVAILABLE, not a 500.
import { RoomServiceClient, TwirpError, type ParticipantInfo } from 'livekit-server-sdk';
import { AppError } from '../errors.js';

/** How long "this room exists in LiveKit" is trusted before asking again; LiveKit closes empty
 *  rooms on its own, and a room re-created by a join would lack maxParticipants. */
const EXISTS_TTL_MS = 60_000;
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
  private readonly known = new Map<string, number>();

  constructor(apiUrl: string, apiKey: string, apiSecret: string) {
    this.client = new RoomServiceClient(apiUrl, apiKey, apiSecret);
  }

  async ensureRoom(roomId: string, maxParticipants: number | null): Promise<void> {
    const knownUntil = this.known.get(roomId);
    if (knownUntil !== undefined && knownUntil > Date.now()) return;
    // createRoom is idempotent in LiveKit: an existing room is returned as it is.
    await reach(() =>
      this.client.createRoom({
        name: roomId,
        emptyTimeout: EMPTY_TIMEOUT_SECONDS,
        ...(maxParticipants ? { maxParticipants } : {}),
      }),
    );
    this.known.set(roomId, Date.now() + EXISTS_TTL_MS);
  }

  /** Forget the cached state, e.g. after the room's limits changed or it was ended. */
  forget(roomId: string): void {
    this.known.delete(roomId);
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

  async remove(roomId: string, identity: string): Promise<void> {
    await reach(() => this.client.removeParticipant(roomId, identity));
  }

  async endRoom(roomId: string): Promise<void> {
    this.forget(roomId);
    try {
      await reach(() => this.client.deleteRoom(roomId));
    } catch (err) {
      if (!isNotFound(err)) throw err;
    }
  }
}
