// Stores a verified LiveKit event and everything it causes in one transaction: the event row,
// its effect on the call detail records, and outgoing webhook messages. The event id is the
// primary key, so a redelivered event stops at the first insert and changes nothing.
import type { Database } from '../db/database.js';
import { applyToCdr } from '../cdr/apply-event.js';
import { enqueueMessage } from '../webhooks-out/enqueue.js';
import { messageFromLivekit } from '../webhooks-out/messages.js';
import type { LivekitFacts } from './facts.js';

export interface IngestResult {
  duplicate: boolean;
  /** Outgoing messages queued; the dispatcher is nudged when this is above zero. */
  queued: number;
}

export async function ingestLivekitEvent(
  database: Database,
  facts: LivekitFacts,
  rawBody: string,
  receivedAtMs: number,
): Promise<IngestResult> {
  return database.db.transaction().execute(async (trx) => {
    const inserted = await trx
      .insertInto('livekit_events')
      .values({
        id: facts.id,
        event: facts.event,
        room_sid: facts.room?.sid ?? null,
        room_name: facts.room?.name ?? null,
        participant_identity: facts.participant?.identity ?? null,
        payload: rawBody,
        created_at: facts.createdAtMs,
        received_at: receivedAtMs,
      })
      .onConflict((oc) => oc.column('id').doNothing())
      .executeTakeFirst();
    if (Number(inserted.numInsertedOrUpdatedRows ?? 0n) === 0) return { duplicate: true, queued: 0 };

    const session = await applyToCdr(trx, database.dialect, facts);
    const message = session ? messageFromLivekit(facts, session) : null;
    const queued = message ? await enqueueMessage(trx, message, receivedAtMs) : 0;
    return { duplicate: false, queued };
  });
}
