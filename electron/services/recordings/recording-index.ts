// The recording index: every recording this app made, in one JSON file in the app's data
// folder, rewritten atomically (temp file, fsync, rename) on each change, so a crash leaves the
// old or the new index, never half of one. A file that cannot be read is backed up and
// reported, and the index starts empty; the recordings themselves are untouched.
import { readFile, rename } from 'node:fs/promises';
import { z } from 'zod';
import type { RecordingEntry } from '../../contract.js';
import { writeFileAtomic } from '../atomic-file.js';
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
  #writes: Promise<unknown> = Promise.resolve();
  /** Set when the index on disk could not be read at load; says where the backup went. */
  warning: string | undefined;

  constructor(
    private readonly path: string,
    private readonly log: Logger,
  ) {}

  async load(): Promise<void> {
    let text: string;
    try {
      text = await readFile(this.path, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return;
      throw err;
    }
    let parsed: z.infer<typeof IndexFile> | undefined;
    try {
      parsed = IndexFile.parse(JSON.parse(text));
    } catch {
      parsed = undefined;
    }
    if (parsed) {
      for (const entry of parsed.recordings) this.#entries.set(entry.id, entry);
      return;
    }
    const backup = `${this.path}.corrupt-${Date.now()}`;
    await rename(this.path, backup);
    this.warning = `The recording index could not be read; it was kept as ${backup}. Your recording files are untouched.`;
    this.log.warn('recording index rejected and backed up', { backup });
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
    // Serialised, and each write takes the entries as they are when it runs.
    const run = this.#writes.then(() =>
      writeFileAtomic(this.path, `${JSON.stringify({ version: 1, recordings: this.all() }, null, 1)}\n`),
    );
    this.#writes = run.catch(() => undefined);
    return run;
  }
}
