// One recording on disk while it is being written: chunks land at the byte position the muxer
// gives. A call returns once its chunk is written: from then on the OS holds it, and a crash or
// kill of the app loses nothing of it. Each write also starts a flush to the disk (fdatasync,
// one at a time, the next covering all that came meanwhile), so a power cut loses at most what
// arrived during one flush; the renderer never waits for the disk, whose flushes can take
// seconds on a busy machine. The file is created exclusively: never overwrite a recording.
import { open, type FileHandle } from 'node:fs/promises';

export class RecordingFile {
  #size = 0;
  #chain: Promise<unknown> = Promise.resolve();
  /** The flush running now, and whether writes came after it started. */
  #flushing: Promise<void> | null = null;
  #dirty = false;

  private constructor(
    readonly path: string,
    private readonly handle: FileHandle,
  ) {}

  static async create(path: string): Promise<RecordingFile> {
    return new RecordingFile(path, await open(path, 'wx', 0o600));
  }

  /** Bytes written so far (the highest end of any chunk). */
  get size(): number {
    return this.#size;
  }

  /** Writes one chunk and starts flushing it; calls are serialised so chunks never interleave. */
  write(position: number, data: Uint8Array): Promise<void> {
    const run = this.#chain.then(async () => {
      let done = 0;
      while (done < data.byteLength) {
        const { bytesWritten } = await this.handle.write(data, done, data.byteLength - done, position + done);
        done += bytesWritten;
      }
      this.#size = Math.max(this.#size, position + data.byteLength);
      this.#flush();
    });
    this.#chain = run.catch(() => undefined);
    return run;
  }

  /** Resolves once everything written so far is on the disk. */
  async flushed(): Promise<void> {
    await this.#chain;
    while (this.#flushing) await this.#flushing;
  }

  async close(): Promise<void> {
    await this.flushed();
    await this.handle.sync();
    await this.handle.close();
  }

  #flush(): void {
    if (this.#flushing) {
      this.#dirty = true;
      return;
    }
    this.#flushing = this.handle
      .datasync()
      // A failed flush is not fatal here: the data is written; close() syncs again and reports.
      .catch(() => undefined)
      .then(() => {
        this.#flushing = null;
        if (!this.#dirty) return;
        this.#dirty = false;
        this.#flush();
      });
  }
}
