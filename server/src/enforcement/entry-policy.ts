// Who may enter a meeting, asked both before a token is minted (join, invite, waiting ticket)
// and when LiveKit reports someone connected (they may hold an older token). Nobody a host
// removed comes back until the meeting ends. Into a locked room come only hosts, those who
// were in the meeting when it was locked (so a dropped connection can come back), and those a
// host admitted since.
import type { Role } from '../../../common/api.js';
import type { RoomRow } from '../db/schema.js';
import { AppError } from '../errors.js';
import type { EnforcementStore } from './store.js';

export type EntryVerdict = 'allowed' | 'removed' | 'locked';

export class EntryPolicy {
  constructor(private readonly store: EnforcementStore) {}

  /** For someone LiveKit reports in the room, token already used. */
  async verdict(room: RoomRow, identity: string, role: Role | null): Promise<EntryVerdict> {
    if (await this.store.isRemoved(room.id, identity)) return 'removed';
    if (room.locked !== 1 || role === 'host') return 'allowed';
    const lockedAt = (await this.store.lockedAt(room.id)) ?? 0;
    if (await this.store.wasPresent(room.id, identity, lockedAt)) return 'allowed';
    if (await this.store.admittedSince(room.id, identity, lockedAt)) return 'allowed';
    return 'locked';
  }

  /** Before minting a token. `admittedAt`: when a host admitted this waiting request. */
  async checkGrant(room: RoomRow, identity: string, role: Role, admittedAt?: number): Promise<void> {
    if (await this.store.isRemoved(room.id, identity)) {
      throw new AppError('FORBIDDEN', 'The host removed you from this meeting.', { reason: 'REMOVED' });
    }
    if (admittedAt === undefined || room.locked !== 1 || role === 'host') return;
    // A ticket admitted before the lock does not open a locked room; one admitted after does.
    const lockedAt = (await this.store.lockedAt(room.id)) ?? 0;
    if (admittedAt < lockedAt) throw new AppError('LOCKED', 'The host has locked this meeting.');
  }
}
