// Writes a web recording into the origin private file system through a FileSystemSyncAccessHandle.
// Unlike createWritable(), whose bytes sit in a swap file until close(), a sync access handle
// writes into the file itself, so a tab that crashes leaves every flushed fragment on disk.
// Sync access handles exist only in dedicated workers, hence this worker.
import { RECORDINGS_DIR, type WriterReply, type WriterRequest } from './opfs-protocol.js';

/** The part of FileSystemSyncAccessHandle used here (TypeScript's DOM library lacks it). */
interface SyncHandle {
  write(data: Uint8Array, options: { at: number }): number;
  flush(): void;
  truncate(size: number): void;
  close(): void;
}
type SyncCapableHandle = FileSystemFileHandle & { createSyncAccessHandle(): Promise<SyncHandle> };

let handle: SyncHandle | null = null;

async function handleRequest(request: WriterRequest): Promise<void> {
  switch (request.op) {
    case 'open': {
      const root = await navigator.storage.getDirectory();
      const dir = await root.getDirectoryHandle(RECORDINGS_DIR, { create: true });
      const file = (await dir.getFileHandle(request.name, { create: true })) as SyncCapableHandle;
      handle = await file.createSyncAccessHandle();
      return;
    }
    case 'write': {
      if (!handle) throw new Error('The recording file is not open.');
      const written = handle.write(request.data, { at: request.position });
      // Anything but the whole chunk means the disk or the origin's quota is full. Chromium does
      // not throw then: it writes what fits and returns a bogus count (2^32 - 8 was seen with a
      // lowered quota), so the count is checked exactly.
      if (written !== request.data.byteLength) {
        throw new DOMException('The disk is full.', 'QuotaExceededError');
      }
      // On disk before the muxer sends the next fragment: what a crash may lose stays small.
      handle.flush();
      return;
    }
    case 'truncate':
      if (!handle) throw new Error('The recording file is not open.');
      handle.truncate(request.size);
      handle.flush();
      return;
    case 'close':
      handle?.flush();
      handle?.close();
      handle = null;
      return;
    default: {
      const never: never = request;
      throw new Error(`Unknown request ${JSON.stringify(never)}`);
    }
  }
}

// Requests run one after another, as the muxer sends them.
let queue = Promise.resolve();
self.onmessage = (event: MessageEvent<WriterRequest>) => {
  const request = event.data;
  queue = queue.then(async () => {
    let reply: WriterReply;
    try {
      await handleRequest(request);
      reply = { seq: request.seq, ok: true };
    } catch (err) {
      const e = err instanceof Error ? err : new Error(String(err));
      reply = { seq: request.seq, ok: false, error: { name: e.name, message: e.message } };
    }
    self.postMessage(reply);
  });
};
