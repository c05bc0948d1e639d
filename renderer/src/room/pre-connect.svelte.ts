// Pre-connect while the lobby is open: fetch the join grant (tokens last minutes) and warm the
// way to LiveKit (`room.prepareConnection`: DNS, TCP/TLS), so the click on Join only has to
// connect. Nothing connects to the meeting before that click: no media, no presence. The grant
// is fetched again shortly before it expires and whenever the room's state changes.
//
// Rooms with a waiting room are not pre-fetched: asking for a grant there is knocking on the
// door, which only the click may do. Guests are not either: their grant needs the name they type.
import { Room } from 'livekit-client';
import './room-options.js'; // its livekit-client setting applies to this Room too
import type { JoinGrant, Room as RoomInfo } from '../../../common/api.js';
import type { JoinTarget } from '../lib/routes.js';
import type { Platform } from '../platform/platform.js';

/** One Room for every warm-up: it never connects, so it never disconnects either, which is what
 *  removes a Room's devicechange listener (see room-options.ts); one for the life of the page
 *  rather than one per lobby visit. */
let warmUpRoom: Room | null = null;

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
    private readonly target: JoinTarget,
  ) {}

  /** Whether this target can be pre-connected at all (see the top of this file). */
  get applies(): boolean {
    return this.target.kind === 'room' && !this.target.room.waitingRoom;
  }

  start(): void {
    if (!this.applies || this.target.kind !== 'room') return;
    this.#fingerprint = roomFingerprint(this.target.room);
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
          // The warm-up lives in the browser's connection pool, not in this Room: the meeting's own
          // Room is made at the click, with the devices chosen by then.
          warmUpRoom ??= new Room();
          await warmUpRoom.prepareConnection(result.url, result.token);
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
