// Puts a message in the outbox once per subscribed endpoint. Called inside the transaction that
// stores the event causing it, so a message exists if and only if its cause was committed.
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Tables } from '../db/schema.js';
import type { OutgoingMessage } from './messages.js';

export interface Subscription {
  endpointId: string;
  events: ReadonlySet<string>;
}

/** The endpoints and what each subscribes to; read once per transaction. */
export async function loadSubscriptions(trx: Kysely<Tables>): Promise<Subscription[]> {
  const rows = await trx.selectFrom('webhook_endpoints').select(['id', 'events']).execute();
  return rows.map((row) => ({ endpointId: row.id, events: new Set(JSON.parse(row.events) as string[]) }));
}

/** Queues one message; returns how many outbox rows were written. */
export async function enqueueMessage(
  trx: Kysely<Tables>,
  message: OutgoingMessage,
  now: number,
  subscriptions?: Subscription[],
): Promise<number> {
  const [count] = await enqueueMessages(trx, [message], now, subscriptions ?? (await loadSubscriptions(trx)));
  return count ?? 0;
}

/** Queues several messages in one statement; returns the rows written for each. */
export async function enqueueMessages(
  trx: Kysely<Tables>,
  messages: readonly OutgoingMessage[],
  now: number,
  subscriptions: readonly Subscription[],
): Promise<number[]> {
  const rows = messages.map((message) => {
    const body = JSON.stringify(message);
    return subscriptions
      .filter((s) => s.events.has(message.type))
      .map((s) => ({
        id: `msg_${randomUUID()}`,
        endpoint_id: s.endpointId,
        event_type: message.type,
        body,
        status: 'pending' as const,
        attempts: 0,
        next_attempt_at: now,
        created_at: now,
        updated_at: now,
      }));
  });
  const all = rows.flat();
  for (let i = 0; i < all.length; i += 500) {
    await trx
      .insertInto('webhook_outbox')
      .values(all.slice(i, i + 500))
      .execute();
  }
  return rows.map((r) => r.length);
}
