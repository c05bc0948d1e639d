// One JSON document in the app's data folder (settings, the meeting log, the recording index):
// read against its schema at load, written atomically (atomic-file.ts), one write after another
// so they land in the order they were made. A file that fails its schema is moved aside, never
// silently dropped; the caller tells the user where it went.
import { rename } from 'node:fs/promises';
import type { z } from 'zod';
import { writeFileAtomic } from './atomic-file.js';
import { readJsonFile } from './json-file.js';

export type LoadedDocument<T> =
  | { status: 'missing' }
  | { status: 'ok'; value: T }
  | { status: 'set-aside'; reason: string; backup: string };

export class JsonDocument<S extends z.ZodType> {
  #writes: Promise<unknown> = Promise.resolve();

  constructor(
    readonly path: string,
    private readonly schema: S,
    /** Spaces of indentation; people read and edit the settings file. */
    private readonly indent?: number,
  ) {}

  async load(): Promise<LoadedDocument<z.output<S>>> {
    const file = await readJsonFile(this.path, this.schema);
    if (file.status !== 'invalid') return file;
    const backup = `${this.path}.corrupt-${Date.now()}`;
    await rename(this.path, backup);
    return { status: 'set-aside', reason: file.reason, backup };
  }

  /** Writes what `value()` gives when the write's turn comes; resolves once it is on disk. */
  save(value: () => z.input<S>): Promise<void> {
    const run = this.#writes.then(() =>
      writeFileAtomic(this.path, `${JSON.stringify(value(), null, this.indent)}\n`),
    );
    this.#writes = run.catch(() => undefined);
    return run;
  }
}
