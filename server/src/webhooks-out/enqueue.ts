// Puts a message in the outbox once per subscribed endpoint. Called inside the transaction that
// stores the event causing it, so a message exists if and only if its cause was committed.
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Tables } from '../db/schema.js';
import type { OutgoingMessage } from './messages.js';

/** Returns how many outbox rows were written. */
export async function enqueueMessage(
  trx: Kysely<Tables>,
  message: OutgoingMessage,
  now: number,
): Promise<number> {
  const endpoints = await trx.selectFrom('webhook_endpoints').select(['id', 'events']).execute();
  const subscribed = endpoints.filter((e) => (JSON.parse(e.events) as string[]).includes(message.type));
  if (subscribed.length === 0) return 0;
  const body = JSON.stringify(message);
  await trx
    .insertInto('webhook_outbox')
    .values(
      subscribed.map((endpoint) => ({
        id: `msg_${randomUUID()}`,
        endpoint_id: endpoint.id,
        event_type: message.type,
        body,
        status: 'pending' as const,
        attempts: 0,
        next_attempt_at: now,
        created_at: now,
        updated_at: now,
      })),
    )
    .execute();
  return subscribed.length;
}
