// Web recordings in the browser's origin private file system (OPFS): for each one an MP4 that
// the writer worker appends to as the muxer produces it, and a small JSON record beside it
// (room, start, file name, state). A tab holds a Web Lock on each recording it owns, so another
// tab, or the next visit, can tell a recording in progress from one a crash left behind.
import { recordingBaseName } from '../../../common/recording/file-names.js';
import { RECORDINGS_DIR } from './opfs-protocol.js';
import { OpfsWriter, StorageFullError } from './opfs-writer.js';
import type { RecordingSink } from './encoding.js';

export interface OpfsRecordingInfo {
  id: string;
  roomId: string;
  roomTitle: string;
  startedAt: string;
  /** The name the downloaded file gets. */
  fileName: string;
  /** recording: being written (or cut off by a crash); recovered: repaired, not yet taken;
   *  complete: handed to the user, removed at the next visit. */
  state: 'recording' | 'recovered' | 'complete';
  durationSeconds?: number;
}

/** Below this much free storage a recording does not start (about 10 min at 1280×720). */
export const MIN_FREE_BYTES = 200 * 1024 * 1024;

export function webRecordingSupported(): boolean {
  return typeof navigator.storage?.getDirectory === 'function' && typeof Worker === 'function';
}

export const lockName = (id: string) => `convene-recording:${id}`;

export async function recordingsDir(): Promise<FileSystemDirectoryHandle> {
  const root = await navigator.storage.getDirectory();
  return root.getDirectoryHandle(RECORDINGS_DIR, { create: true });
}

export async function writeInfo(info: OpfsRecordingInfo): Promise<void> {
  const handle = await (await recordingsDir()).getFileHandle(`${info.id}.json`, { create: true });
  // createWritable commits on close, so the record is replaced whole or not at all.
  const writable = await handle.createWritable();
  await writable.write(JSON.stringify(info));
  await writable.close();
}

/** Refuses to start when the browser would let this site store too little. */
export async function checkFreeSpace(): Promise<void> {
  const { quota, usage } = await navigator.storage.estimate();
  if (quota === undefined || usage === undefined) return;
  const free = quota - usage;
  if (free < MIN_FREE_BYTES) {
    const mb = (bytes: number) => `${Math.max(0, Math.floor(bytes / 1024 / 1024))} MB`;
    throw new StorageFullError(
      `Not enough space: the browser lets this site store only ${mb(free)} more, and a recording ` +
        `needs at least ${mb(MIN_FREE_BYTES)}. Free up disk space, then try again.`,
    );
  }
}

/** Holds the lock until the page goes away; resolves once it is held. */
export function holdLock(id: string): Promise<void> {
  return new Promise<void>((held, failed) => {
    navigator.locks
      .request(lockName(id), () => {
        held();
        return new Promise<void>(() => undefined);
      })
      .catch(failed);
  });
}

/** One recording being written: its sink for the recorder, and what to do when it ends. */
export class OpfsRecording {
  readonly #writer = new OpfsWriter();
  #failure: ((err: unknown) => void) | undefined;
  /** Rejects when a write fails (a full disk above all), so the controller can stop cleanly. */
  readonly failed = new Promise<never>((_, reject) => (this.#failure = reject));

  private constructor(readonly info: OpfsRecordingInfo) {
    this.failed.catch(() => undefined);
  }

  static async create(roomId: string, roomTitle: string): Promise<OpfsRecording> {
    // The browser may evict an origin's storage under pressure unless it is persisted.
    await navigator.storage.persist?.().catch(() => false);
    const now = new Date();
    const info: OpfsRecordingInfo = {
      id: crypto.randomUUID(),
      roomId,
      roomTitle,
      startedAt: now.toISOString(),
      fileName: `${recordingBaseName(roomTitle, now)}.mp4`,
      state: 'recording',
    };
    await holdLock(info.id);
    await writeInfo(info);
    const recording = new OpfsRecording(info);
    await recording.#writer.send({ op: 'open', name: `${info.id}.mp4` });
    return recording;
  }

  get sink(): RecordingSink {
    return {
      write: (position, data) =>
        this.#writer.send({ op: 'write', position, data }).catch((err: unknown) => {
          this.#failure?.(err);
          throw err;
        }),
      close: () => this.#writer.send({ op: 'close' }),
      abort: () => this.#writer.send({ op: 'close' }).catch(() => undefined),
    };
  }

  /** After the muxer finished (or failed): lets go of the file. */
  async close(): Promise<void> {
    await this.#writer.send({ op: 'close' }).catch(() => undefined);
    this.#writer.terminate();
  }

  /** The file as it is on disk: a File backed by it, not a copy in memory. */
  async file(): Promise<File> {
    return (await (await recordingsDir()).getFileHandle(`${this.info.id}.mp4`)).getFile();
  }

  /** Handed to the user: the next visit removes it (this tab holds its lock until it closes). */
  async markTaken(durationSeconds: number): Promise<void> {
    await writeInfo({ ...this.info, state: 'complete', durationSeconds });
  }

  /** The recording never got going: nothing to keep. */
  async discard(): Promise<void> {
    await this.#writer.send({ op: 'close' }).catch(() => undefined);
    this.#writer.terminate();
    const dir = await recordingsDir();
    for (const name of [`${this.info.id}.mp4`, `${this.info.id}.json`]) {
      await dir.removeEntry(name).catch(() => undefined);
    }
  }
}
