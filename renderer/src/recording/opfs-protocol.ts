// Messages between the page and the OPFS writer worker (opfs-writer.worker.ts). Each request
// carries a sequence number; the worker answers every one, in order.
export type WriterRequest =
  | { seq: number; op: 'open'; name: string }
  | { seq: number; op: 'write'; position: number; data: Uint8Array<ArrayBuffer> }
  /** Cuts a file left by a crash back to its last whole fragment. */
  | { seq: number; op: 'truncate'; size: number }
  | { seq: number; op: 'close' };

export type WriterReply =
  { seq: number; ok: true } | { seq: number; ok: false; error: { name: string; message: string } };

/** The folder of the origin private file system that holds web recordings. */
export const RECORDINGS_DIR = 'convene-recordings';
