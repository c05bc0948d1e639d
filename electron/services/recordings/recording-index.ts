// The recording index: every recording this app made, in one JSON document in the app's data
// folder, rewritten atomically on each change, so a crash leaves the old or the new index,
// never half of one. A file that cannot be read is set aside and reported, and the index
// starts empty; the recordings themselves are untouched.
import { z } from 'zod';
import type { RecordingEntry } from '../../contract.js';
import { JsonDocument } from '../json-document.js';
import type { Logger } from '../logger.js';

const Entry = z.object({
  id: z.string(),
  roomId: z.string(),
  roomTitle: z.string(),
  startedAt: z.string(),
  endedAt: z.string().nullable(),
  durationSeconds: z.number().nullable(),
  sizeBytes: z.number(),
  path: z.string(),
  chatPath: z.string().nullable(),
  mimeType: z.string(),
  state: z.enum(['recording', 'complete', 'recovered', 'missing']),
}) satisfies z.ZodType<RecordingEntry>;
const IndexFile = z.object({ version: z.literal(1), recordings: z.array(Entry) });

export class RecordingIndex {
  #entries = new Map<string, RecordingEntry>();
  readonly #file: JsonDocument<typeof IndexFile>;
  /** Set when the index on disk could not be read at load; says where the backup went. */
  warning: string | undefined;

  constructor(
    path: string,
    private readonly log: Logger,
  ) {
    this.#file = new JsonDocument(path, IndexFile, 1);
  }

  async load(): Promise<void> {
    const file = await this.#file.load();
    if (file.status === 'ok') for (const entry of file.value.recordings) this.#entries.set(entry.id, entry);
    if (file.status !== 'set-aside') return;
    this.warning = `The recording index could not be read; it was kept as ${file.backup}. Your recording files are untouched.`;
    this.log.warn('recording index rejected and backed up', { reason: file.reason, backup: file.backup });
  }

  all(): RecordingEntry[] {
    return [...this.#entries.values()].sort((a, b) => b.startedAt.localeCompare(a.startedAt));
  }

  get(id: string): RecordingEntry | undefined {
    return this.#entries.get(id);
  }

  /** Stores the entry and waits until the index holding it is on disk. */
  put(entry: RecordingEntry): Promise<void> {
    this.#entries.set(entry.id, entry);
    return this.#persist();
  }

  remove(id: string): Promise<void> {
    this.#entries.delete(id);
    return this.#persist();
  }

  #persist(): Promise<void> {
    // Each write takes the entries as they are when its turn comes.
    return this.#file.save(() => ({ version: 1 as const, recordings: this.all() }));
  }
}
