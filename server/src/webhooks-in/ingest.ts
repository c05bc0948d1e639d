// Stores verified LiveKit events and everything they cause in one transaction per batch: the
// event rows, their effect on the call detail records, and outgoing webhook messages. The event
// id is the primary key, so a redelivered event stops at the insert and changes nothing.
import type { Kysely } from 'kysely';
import { CdrBatch } from '../cdr/apply-event.js';
import type { Database } from '../db/database.js';
import type { Tables } from '../db/schema.js';
import { enqueueMessage, loadSubscriptions } from '../webhooks-out/enqueue.js';
import { messageFromLivekit } from '../webhooks-out/messages.js';
import type { LivekitFacts } from './facts.js';

export interface IngestItem {
  facts: LivekitFacts;
  rawBody: string;
  receivedAtMs: number;
}

export interface IngestResult {
  duplicate: boolean;
  /** Outgoing messages queued; the dispatcher is nudged when this is above zero. */
  queued: number;
}

export async function ingestBatch(database: Database, items: readonly IngestItem[]): Promise<IngestResult[]> {
  return database.db.transaction().execute(async (trx) => {
    const fresh = await insertNew(trx, items);
    const cdr = new CdrBatch(trx, database.dialect);
    const subscriptions = await loadSubscriptions(trx);
    const results: IngestResult[] = [];
    for (const item of items) {
      // A second copy within one batch is a duplicate too: only the first claims the id.
      if (!fresh.delete(item.facts.id)) {
        results.push({ duplicate: true, queued: 0 });
        continue;
      }
      const session = await cdr.apply(item.facts);
      const message = session ? messageFromLivekit(item.facts, session) : null;
      const queued = message ? await enqueueMessage(trx, message, item.receivedAtMs, subscriptions) : 0;
      results.push({ duplicate: false, queued });
    }
    await cdr.finish();
    return results;
  });
}

/** Inserts the events in one statement; returns the ids that were not stored before. */
async function insertNew(trx: Kysely<Tables>, items: readonly IngestItem[]): Promise<Set<string>> {
  const rows = await trx
    .insertInto('livekit_events')
    .values(
      items.map(({ facts, rawBody, receivedAtMs }) => ({
        id: facts.id,
        event: facts.event,
        room_sid: facts.room?.sid ?? null,
        room_name: facts.room?.name ?? null,
        participant_identity: facts.participant?.identity ?? null,
        payload: rawBody,
        created_at: facts.createdAtMs,
        received_at: receivedAtMs,
      })),
    )
    .onConflict((oc) => oc.column('id').doNothing())
    .returning('id')
    .execute();
  return new Set(rows.map((r) => r.id));
}
