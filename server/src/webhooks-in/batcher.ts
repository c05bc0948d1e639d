// Group commit for incoming events. Requests that arrive while a transaction is running wait
// for the next one, so under load many events share one commit (and one fsync) while a lone
// event is written at once; every request is still answered only after its own commit. A batch
// that fails is retried one event per transaction, so one bad event cannot fail its neighbours.
import type { Database } from '../db/database.js';
import type { MeetingStartPush } from '../push/room-events.js';
import { ingestBatch, type IngestItem, type IngestResult } from './ingest.js';

interface Pending {
  item: IngestItem;
  resolve: (result: IngestResult) => void;
  reject: (err: unknown) => void;
}

export interface BatcherOptions {
  maxBatch?: number;
  /** Transactions at once; more than one only helps a database with several connections. */
  parallel?: number;
}

export class IngestBatcher {
  private queue: Pending[] = [];
  private active = 0;
  private scheduled = false;
  private readonly maxBatch: number;
  private readonly parallel: number;

  constructor(
    private readonly database: Database,
    private readonly push: MeetingStartPush,
    options: BatcherOptions = {},
  ) {
    this.maxBatch = options.maxBatch ?? 256;
    this.parallel = options.parallel ?? (database.dialect === 'postgres' ? 4 : 1);
  }

  submit(item: IngestItem): Promise<IngestResult> {
    return new Promise((resolve, reject) => {
      this.queue.push({ item, resolve, reject });
      // Wait one turn of the event loop, so requests already read from their sockets join this
      // batch instead of each starting a transaction of its own.
      if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => {
          this.scheduled = false;
          this.pump();
        });
      }
    });
  }

  /** Resolves once every submitted event has been committed or refused (used on close). */
  async drain(): Promise<void> {
    while (this.scheduled || this.active > 0 || this.queue.length > 0) {
      await new Promise((resolve) => setImmediate(resolve));
    }
  }

  private pump(): void {
    while (this.active < this.parallel && this.queue.length > 0) {
      // Sorted by room, every batch locks sessions in the same order: no deadlock between them.
      const batch = this.queue.splice(0, this.maxBatch).sort(byRoom);
      this.active += 1;
      void this.run(batch).finally(() => {
        this.active -= 1;
        this.pump();
      });
    }
  }

  private async run(batch: Pending[]): Promise<void> {
    try {
      const results = await ingestBatch(
        this.database.dialect,
        this.push,
        batch.map((p) => p.item),
      );
      batch.forEach((p, i) => p.resolve(results[i]!));
    } catch (batchError) {
      if (batch.length === 1) {
        batch[0]!.reject(batchError);
        return;
      }
      for (const p of batch) {
        try {
          const [result] = await ingestBatch(this.database.dialect, this.push, [p.item]);
          p.resolve(result!);
        } catch (err) {
          p.reject(err);
        }
      }
    }
  }
}

function byRoom(a: Pending, b: Pending): number {
  const x = a.item.facts.room?.sid ?? '';
  const y = b.item.facts.room?.sid ?? '';
  return x < y ? -1 : x > y ? 1 : 0;
}
