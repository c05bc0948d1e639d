// Stores verified LiveKit events and everything they cause in one transaction per batch: the
// event rows, their effect on the call detail records, outgoing webhook messages, and the push
// event "a meeting started" to the room's people (the transaction is the push hub's). The event
// id is the primary key, so a redelivered event stops at the insert and changes nothing; if the
// transaction fails none of it is kept, and LiveKit's retry (after our non-2xx) does it all once.
import type { Kysely } from 'kysely';
import { CdrBatch } from '../cdr/apply-event.js';
import type { DialectName } from '../db/database.js';
import type { Tables } from '../db/schema.js';
import type { MeetingStartPush } from '../push/room-events.js';
import { enqueueMessages, loadSubscriptions } from '../webhooks-out/enqueue.js';
import { messageFromLivekit, type OutgoingMessage } from '../webhooks-out/messages.js';
import type { LivekitFacts } from '../livekit/facts.js';

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

export async function ingestBatch(
  dialect: DialectName,
  push: MeetingStartPush,
  items: readonly IngestItem[],
): Promise<IngestResult[]> {
  return push.transact(async (trx, outbox) => {
    const fresh = await insertNew(trx, items);
    // A second copy within one batch is a duplicate too: only the first claims the id.
    const isNew = items.map((item) => fresh.delete(item.facts.id));
    const applied = items.filter((_, i) => isNew[i]);
    const cdr = new CdrBatch(trx, dialect);
    await cdr.load(applied.map((item) => item.facts));
    const messages: OutgoingMessage[] = [];
    const messageIndex = items.map((item, i) => {
      if (!isNew[i]) return -1;
      const session = cdr.apply(item.facts);
      const message = session ? messageFromLivekit(item.facts, session) : null;
      return message ? messages.push(message) - 1 : -1;
    });
    await cdr.finish();
    await push.started(
      trx,
      outbox,
      cdr.begun().map((session) => session.room_name),
    );
    const queued = messages.length
      ? await enqueueMessages(trx, messages, Date.now(), await loadSubscriptions(trx))
      : [];
    return items.map((_, i) => ({ duplicate: !isNew[i], queued: queued[messageIndex[i]!] ?? 0 }));
  });
}

/** Inserts the events in one statement; returns the ids that were not stored before. */
async function insertNew(trx: Kysely<Tables>, items: readonly IngestItem[]): Promise<Set<string>> {
  const rows = await trx
    .insertInto('livekit_events')
    .values(
      items.map(({ facts, rawBody, receivedAtMs }) => ({
        id: facts.id,
        event: facts.eventName,
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
