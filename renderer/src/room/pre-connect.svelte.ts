// Pre-connect while the lobby is open: fetch the join grant (tokens last minutes), warm the
// way to LiveKit (`room.prepareConnection`: DNS, TCP/TLS) and build the meeting's Room with its
// peer connection and first offer (`engine.prepareTransport`, patched into livekit-client), so
// the click on Join only has to connect. Nothing connects to the meeting before that click: no
// media, no presence, not even ICE (the offer is set locally only when LiveKit answers). The
// grant is fetched again shortly before it expires and whenever the room's state changes.
//
// Rooms with a waiting room are not pre-fetched: asking for a grant there is knocking on the
// door, which only the click may do. Guests are not either: their grant needs the name they type.
import { Room } from 'livekit-client';
import type { JoinGrant, Room as RoomInfo } from '../../../common/api.js';
import type { DeviceChoices, Platform } from '../platform/platform.js';
import { roomOptions } from './room-options.js';

/** What a lobby opens (a JoinTarget of routes.ts): only a room of ours is prepared. */
type LobbyTarget = { kind: 'room'; room: RoomInfo } | { kind: 'invite' };

interface NextRoom {
  room: Room;
  /** The devices its options were made with; set again at the click if they changed. */
  devices: DeviceChoices;
  transport: Promise<void>;
}

/** The Room the next meeting will use, made by the first lobby that needs one and handed over
 *  at the click. One at a time for the page: a Room that never connects never disconnects
 *  either, which is what removes its devicechange listener (see room-options.ts), so a lobby
 *  left without joining leaves it for the next lobby rather than dropping it. */
let nextRoom: NextRoom | null = null;

function prepareNextRoom(devices: DeviceChoices): NextRoom {
  if (nextRoom) return nextRoom;
  const room = new Room(roomOptions(devices));
  // A transport that cannot be prepared is made by connect() as before: not an error to show.
  const transport = room.engine.prepareTransport().catch(() => undefined);
  nextRoom = { room, devices: { ...devices }, transport };
  return nextRoom;
}

/** Sets on a Room made earlier the devices chosen since (before it connects, this only changes
 *  what its tracks will be made with). */
async function chooseDevices(next: NextRoom, devices: DeviceChoices): Promise<void> {
  const kinds = [
    ['videoinput', 'cameraId'],
    ['audioinput', 'microphoneId'],
    ['audiooutput', 'speakerId'],
  ] as const;
  for (const [kind, key] of kinds) {
    if (next.devices[key] !== devices[key])
      await next.room.switchActiveDevice(kind, devices[key] ?? 'default').catch(() => false);
  }
}

/** The meeting's Room, if a lobby made one: its transport ready and the chosen devices set;
 *  handed over once. */
export async function takeNextRoom(devices: DeviceChoices): Promise<Room | null> {
  const next = nextRoom;
  nextRoom = null;
  if (!next) return null;
  await next.transport;
  await chooseDevices(next, devices);
  return next.room;
}

/** A grant with less life left than this is not used; a fresh one is fetched instead. */
const MIN_REMAINING_MS = 30_000;
/** How often the lobby looks for changes to the room (locked, schedule, waiting room). */
export const ROOM_POLL_MS = 15_000;

/** Seconds since the epoch at which a LiveKit token expires, read from its payload (no secret
 *  is needed to read it, and nothing is verified here: the server does that). */
export function tokenExpiry(token: string): number | null {
  const payload = token.split('.')[1];
  if (!payload) return null;
  try {
    const json = JSON.parse(atob(payload.replace(/-/g, '+').replace(/_/g, '/'))) as { exp?: unknown };
    return typeof json.exp === 'number' ? json.exp : null;
  } catch {
    return null; // not a JWT: treat as unknown expiry (fetched again on use)
  }
}

/** What of a room decides whether a grant is still right for it. */
function roomFingerprint(room: RoomInfo): string {
  const { locked, waitingRoom, startsAt, endsAt, maxParticipants, kind } = room;
  return JSON.stringify({ locked, waitingRoom, startsAt, endsAt, maxParticipants, kind });
}

export class PreConnect {
  /** Whether a grant is ready for the click (shown nowhere; read by tests and the benchmark). */
  ready = $state(false);
  #prepared: Promise<JoinGrant | null> | null = null;
  #expiresAt = 0;
  #refreshTimer: ReturnType<typeof setTimeout> | undefined;
  #pollTimer: ReturnType<typeof setInterval> | undefined;
  #fingerprint = '';
  #stopped = false;

  constructor(
    private readonly platform: Platform,
    private readonly target: LobbyTarget,
    /** The lobby's device choices as they are now. */
    private readonly devices: () => DeviceChoices,
  ) {}

  /** Whether this target can be pre-connected at all (see the top of this file). */
  get applies(): boolean {
    return this.target.kind === 'room' && !this.target.room.waitingRoom;
  }

  start(): void {
    if (!this.applies || this.target.kind !== 'room') return;
    this.#fingerprint = roomFingerprint(this.target.room);
    prepareNextRoom(this.devices());
    this.#fetch();
    this.#pollTimer = setInterval(() => void this.#checkRoom(), ROOM_POLL_MS);
  }

  /** The prepared grant, handed over once; null when none is fit to use. */
  async take(): Promise<JoinGrant | null> {
    const pending = this.#prepared;
    this.stop();
    const prepared = await pending;
    if (!prepared || Date.now() > this.#expiresAt - MIN_REMAINING_MS) return null;
    return prepared;
  }

  stop(): void {
    this.#stopped = true;
    this.#prepared = null;
    this.ready = false;
    clearTimeout(this.#refreshTimer);
    clearInterval(this.#pollTimer);
  }

  #fetch(): void {
    if (this.target.kind !== 'room' || this.#stopped) return;
    const roomId = this.target.room.id;
    this.ready = false;
    clearTimeout(this.#refreshTimer);
    const attempt: Promise<JoinGrant | null> = this.platform
      .call('rooms.join', { params: { id: roomId } })
      .then(
        async (result) => {
          // 'waiting' only if the room gained a waiting room after the last look at it: then the
          // host sees this knock a little early, and the click knocks again properly.
          if (result.status !== 'admitted') return null;
          const expiry = tokenExpiry(result.token);
          this.#expiresAt = expiry ? expiry * 1000 : Date.now() + MIN_REMAINING_MS;
          const next = prepareNextRoom(this.devices());
          await Promise.all([next.transport, next.room.prepareConnection(result.url, result.token)]);
          if (this.#prepared === attempt) {
            this.ready = true;
            // Fetch a fresh grant a little before this one is too old to use.
            const refreshIn = Math.max(1_000, this.#expiresAt - MIN_REMAINING_MS * 2 - Date.now());
            this.#refreshTimer = setTimeout(() => this.#fetch(), refreshIn);
          }
          return result;
        },
        // A failed pre-fetch is not an error to show: the click asks again and shows that one.
        () => null,
      );
    this.#prepared = attempt;
  }

  async #checkRoom(): Promise<void> {
    if (this.target.kind !== 'room') return;
    try {
      const room = await this.platform.call('rooms.get', { params: { id: this.target.room.id } });
      const fingerprint = roomFingerprint(room);
      if (fingerprint === this.#fingerprint || this.#stopped) return;
      this.#fingerprint = fingerprint;
      if (room.waitingRoom) this.stop();
      else this.#fetch();
    } catch {
      // The room may have been deleted or the network dropped; the click will tell.
    }
  }
}
