// The outbox as the dispatcher sees it: claim due messages with a lease (so two app servers on
// one database never send the same attempt twice at once), then record each attempt's outcome.
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Tables } from '../db/schema.js';
import { retryDelayMs, type RetryPolicy } from './backoff.js';

export interface ClaimedMessage {
  id: string;
  endpointId: string;
  url: string;
  secret: string;
  body: string;
  attempts: number;
}

export interface AttemptOutcome {
  statusCode: number | null;
  error: string | null;
  startedAt: number;
  finishedAt: number;
}

export async function claimDue(
  db: Kysely<Tables>,
  now: number,
  limit: number,
  leaseMs: number,
): Promise<ClaimedMessage[]> {
  const due = await db
    .selectFrom('webhook_outbox as o')
    .innerJoin('webhook_endpoints as e', 'e.id', 'o.endpoint_id')
    .select(['o.id', 'o.endpoint_id', 'o.next_attempt_at', 'o.body', 'o.attempts', 'e.url', 'e.secret'])
    .where('o.status', '=', 'pending')
    .where('o.next_attempt_at', '<=', now)
    .orderBy('o.next_attempt_at')
    .limit(limit)
    .execute();
  const claimed: ClaimedMessage[] = [];
  for (const row of due) {
    // Compare-and-set on next_attempt_at: whoever moves it first owns this attempt. If the
    // owner dies mid-send, the lease runs out and the message is due again.
    const result = await db
      .updateTable('webhook_outbox')
      .set({ next_attempt_at: now + leaseMs })
      .where('id', '=', row.id)
      .where('status', '=', 'pending')
      .where('next_attempt_at', '=', row.next_attempt_at)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) !== 1) continue;
    claimed.push({
      id: row.id,
      endpointId: row.endpoint_id,
      url: row.url,
      secret: row.secret,
      body: row.body,
      attempts: row.attempts,
    });
  }
  return claimed;
}

export async function recordAttempt(
  db: Kysely<Tables>,
  message: ClaimedMessage,
  outcome: AttemptOutcome,
  policy: RetryPolicy,
): Promise<'delivered' | 'pending' | 'failed'> {
  const attempt = message.attempts + 1;
  const ok = outcome.statusCode !== null && outcome.statusCode >= 200 && outcome.statusCode < 300;
  const status = ok ? 'delivered' : attempt >= policy.maxAttempts ? 'failed' : 'pending';
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('webhook_deliveries')
      .values({
        id: randomUUID(),
        outbox_id: message.id,
        endpoint_id: message.endpointId,
        attempt,
        status_code: outcome.statusCode,
        error: outcome.error,
        started_at: outcome.startedAt,
        finished_at: outcome.finishedAt,
      })
      .execute();
    await trx
      .updateTable('webhook_outbox')
      .set({
        status,
        attempts: attempt,
        updated_at: outcome.finishedAt,
        next_attempt_at:
          status === 'pending' ? outcome.finishedAt + retryDelayMs(attempt, policy) : outcome.finishedAt,
      })
      .where('id', '=', message.id)
      .execute();
  });
  return status;
}

/** Makes a claimed message due again at once (used when shutdown interrupts its attempt). */
export async function releaseClaim(db: Kysely<Tables>, id: string): Promise<void> {
  await db
    .updateTable('webhook_outbox')
    .set({ next_attempt_at: Date.now() })
    .where('id', '=', id)
    .where('status', '=', 'pending')
    .execute();
}
