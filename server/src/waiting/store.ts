// Waiting-room requests, persisted so a host on another app server instance (or after a
// restart) sees them. The ticket a waiting client holds is stored only as its SHA-256.
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Role } from '../../../common/api.js';
import type { Tables, WaitingRequestRow } from '../db/schema.js';

const sha256 = (value: string) => createHash('sha256').update(value).digest('base64url');

export interface NewWaitingRequest {
  roomId: string;
  identity: string;
  displayName: string;
  role: Role;
  address: string | null;
  userAgent: string | null;
}

export class WaitingStore {
  constructor(private readonly db: Kysely<Tables>) {}

  /** Records the request and returns the ticket the client polls with. */
  async create(request: NewWaitingRequest): Promise<{ id: string; ticket: string }> {
    const ticket = randomBytes(24).toString('base64url');
    const id = randomUUID();
    await this.db
      .insertInto('waiting_requests')
      .values({
        id,
        room_id: request.roomId,
        ticket_hash: sha256(ticket),
        identity: request.identity,
        display_name: request.displayName,
        role: request.role,
        status: 'waiting',
        address: request.address,
        user_agent: request.userAgent,
        requested_at: Date.now(),
        decided_at: null,
      })
      .execute();
    return { id, ticket };
  }

  findByTicket(ticket: string): Promise<WaitingRequestRow | undefined> {
    return this.db
      .selectFrom('waiting_requests')
      .selectAll()
      .where('ticket_hash', '=', sha256(ticket))
      .executeTakeFirst();
  }

  listWaiting(roomId: string): Promise<WaitingRequestRow[]> {
    return this.db
      .selectFrom('waiting_requests')
      .selectAll()
      .where('room_id', '=', roomId)
      .where('status', '=', 'waiting')
      .orderBy('requested_at')
      .execute();
  }

  /** Admits or denies a request that is still waiting; false if there is none such. */
  async decide(roomId: string, requestId: string, status: 'admitted' | 'denied'): Promise<boolean> {
    const result = await this.db
      .updateTable('waiting_requests')
      .set({ status, decided_at: Date.now() })
      .where('id', '=', requestId)
      .where('room_id', '=', roomId)
      .where('status', '=', 'waiting')
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }
}
