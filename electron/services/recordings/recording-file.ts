// One recording on disk while it is being written: chunks land at the byte position the muxer
// gives, and each is flushed to the disk (fdatasync) before the call returns, so a crash loses
// at most the chunk in flight. The file is created exclusively: never overwrite a recording.
import { open, type FileHandle } from 'node:fs/promises';

export class RecordingFile {
  #size = 0;
  #chain: Promise<unknown> = Promise.resolve();

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

  /** Writes and flushes one chunk; calls are serialised so chunks never interleave. */
  write(position: number, data: Uint8Array): Promise<void> {
    const run = this.#chain.then(async () => {
      let done = 0;
      while (done < data.byteLength) {
        const { bytesWritten } = await this.handle.write(data, done, data.byteLength - done, position + done);
        done += bytesWritten;
      }
      await this.handle.datasync();
      this.#size = Math.max(this.#size, position + data.byteLength);
    });
    this.#chain = run.catch(() => undefined);
    return run;
  }

  async close(): Promise<void> {
    await this.#chain;
    await this.handle.sync();
    await this.handle.close();
  }
}
