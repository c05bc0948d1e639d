// Letting someone into a room: the checks (locked, schedule, capacity), the waiting room, and
// minting a role-based LiveKit token that is recorded in join_tokens_issued.
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { AccessToken } from 'livekit-server-sdk';
import type { JoinGrant, JoinResult, Role } from '../../../common/api.js';
import type { Config } from '../config.js';
import type { RoomRow, Tables } from '../db/schema.js';
import { AppError } from '../errors.js';
import { checkSchedule } from '../rooms/schedule.js';
import { toRoomInfo } from '../rooms/serialize.js';
import type { EntryPolicy } from '../enforcement/entry-policy.js';
import type { WaitingStore } from '../waiting/store.js';
import { grantsFor } from './grants.js';
import { IssuedTokenLog } from './issued-log.js';
import type { LiveKitRooms } from '../livekit/rooms.js';

export interface Joiner {
  /** LiveKit identity: the user id, or `guest-<random>`. */
  identity: string;
  displayName: string;
  role: Role;
}

export interface ClientInfo {
  address: string | null;
  userAgent: string | null;
}

/** Only the first connection uses this token: LiveKit pushes a fresh one to the connected
 *  client at once and every 5 minutes, and livekit-client reconnects with that. Removal and the
 *  lock are enforced by the app server on every connection (enforcement/enforcer.ts). */
const TOKEN_TTL = '2m';

export class JoinService {
  private readonly issued: IssuedTokenLog;

  constructor(
    db: Kysely<Tables>,
    private readonly livekitConfig: Config['livekit'],
    private readonly livekit: LiveKitRooms,
    private readonly waiting: WaitingStore,
    private readonly entry: EntryPolicy,
    /** Told of each new waiting-room request (the push channel tells the hosts). */
    private readonly onKnock?: (roomId: string, requestId: string, displayName: string) => void,
  ) {
    this.issued = new IssuedTokenLog(db);
  }

  async join(room: RoomRow, joiner: Joiner, client: ClientInfo): Promise<JoinResult> {
    const isHost = joiner.role === 'host';
    if (room.locked === 1 && !isHost) throw new AppError('LOCKED', 'The host has locked this meeting.');
    checkSchedule(room, isHost);
    if (room.waiting_room === 1 && !isHost) {
      // Someone removed does not even get to wait (grant() checks the others).
      await this.entry.checkGrant(room, joiner.identity, joiner.role);
      const { id, ticket } = await this.waiting.create({ roomId: room.id, ...joiner, ...client });
      this.onKnock?.(room.id, id, joiner.displayName);
      return { status: 'waiting', ticket };
    }
    return { status: 'admitted', ...(await this.grant(room, joiner, client)) };
  }

  /** Mints the token, with no checks but removals, capacity, and (for a waiting ticket, with
   *  the time a host admitted it) the lock; a host's admission overrides the rest. */
  async grant(room: RoomRow, joiner: Joiner, client: ClientInfo, admittedAt?: number): Promise<JoinGrant> {
    await this.entry.checkGrant(room, joiner.identity, joiner.role, admittedAt);
    if (room.max_participants !== null) {
      // Someone rejoining replaces their own earlier connection, so they do not count.
      const live = await this.livekit.participants(room.id);
      const others = live.filter((p) => p.identity !== joiner.identity).length;
      if (others >= room.max_participants) {
        throw new AppError('CONFLICT', `This meeting is full (${room.max_participants} people).`, {
          reason: 'ROOM_FULL',
        });
      }
    }
    await this.livekit.ensureRoom(room.id, room.max_participants);
    const token = await this.mint(room.id, joiner);
    await this.issued.record({
      id: randomUUID(),
      room_id: room.id,
      identity: joiner.identity,
      display_name: joiner.displayName,
      role: joiner.role,
      address: client.address,
      user_agent: client.userAgent?.slice(0, 512) ?? null,
      issued_at: Date.now(),
    });
    return { url: this.livekitConfig.url, token, role: joiner.role, room: toRoomInfo(room) };
  }

  private mint(roomId: string, joiner: Joiner): Promise<string> {
    const token = new AccessToken(this.livekitConfig.apiKey, this.livekitConfig.apiSecret, {
      identity: joiner.identity,
      name: joiner.displayName,
      metadata: JSON.stringify({ role: joiner.role }),
      ttl: TOKEN_TTL,
    });
    token.addGrant(grantsFor(joiner.role, roomId));
    return token.toJwt();
  }
}
