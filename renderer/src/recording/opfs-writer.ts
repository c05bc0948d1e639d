// The page's side of the OPFS writer worker: one request at a time per file, each answered
// once the bytes are flushed, so the muxer's backpressure reaches the disk.
import type { WriterReply, WriterRequest } from './opfs-protocol.js';

type Request = WriterRequest extends infer R ? (R extends { seq: number } ? Omit<R, 'seq'> : never) : never;

/** A write the browser refused because the disk or this site's storage quota is full. */
export class StorageFullError extends Error {
  constructor(
    message = 'The recording stopped: the disk is full, or the browser allows this site no more storage.',
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.name = 'StorageFullError';
  }
}

export class OpfsWriter {
  readonly #worker = new Worker(new URL('./opfs-writer.worker.ts', import.meta.url), {
    type: 'module',
    name: 'convene-recording-writer',
  });
  readonly #pending = new Map<number, { resolve: () => void; reject: (err: Error) => void }>();
  #seq = 0;

  constructor() {
    this.#worker.onmessage = (event: MessageEvent<WriterReply>) => {
      const reply = event.data;
      const pending = this.#pending.get(reply.seq);
      this.#pending.delete(reply.seq);
      if (reply.ok) pending?.resolve();
      else pending?.reject(toError(reply.error));
    };
    this.#worker.onerror = (event) => {
      const err = new Error(`The recording writer failed: ${event.message}`);
      for (const pending of this.#pending.values()) pending.reject(err);
      this.#pending.clear();
    };
  }

  /** Chunks are copied, not transferred: the muxer may still own their buffers. */
  send(request: Request): Promise<void> {
    const seq = ++this.#seq;
    return new Promise<void>((resolve, reject) => {
      this.#pending.set(seq, { resolve, reject });
      this.#worker.postMessage({ ...request, seq } as WriterRequest);
    });
  }

  terminate(): void {
    this.#worker.terminate();
  }
}

function toError(error: { name: string; message: string }): Error {
  const cause = new DOMException(error.message, error.name);
  if (error.name === 'QuotaExceededError') return new StorageFullError(undefined, { cause });
  return new Error(`The recording could not be written: ${error.message}`, { cause });
}
