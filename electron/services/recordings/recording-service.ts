// Recordings on disk, owned by the main process: the renderer encodes and streams chunks here;
// this service writes them into the recording folder, keeps the index, repairs what a crash
// left unfinished at the next launch, and notices files deleted or moved outside the app.
import { randomUUID } from 'node:crypto';
import { mkdir, open, rm, stat, truncate } from 'node:fs/promises';
import { join } from 'node:path';
import type { ChatLine, RecordingEntry, RecoveryNotice } from '../../contract.js';
import { ServiceError } from '../errors.js';
import type { Logger } from '../logger.js';
import { recordingBaseName, spokenDuration } from '../../../common/recording/file-names.js';
import { mediaDurationSeconds } from './media-duration.js';
import { scanFragmentedMp4 } from './mp4-boxes.js';
import { RecordingFile } from './recording-file.js';
import { RecordingIndex } from './recording-index.js';
import { writeChatTranscript } from './chat-transcript.js';

export interface RecordingServiceOptions {
  indexPath: string;
  /** The folder new recordings go to (policy `recordingFolder`, else the user's Videos). */
  folder: () => string;
  /** Policy `disableLocalRecording`. */
  disabled: boolean;
  log: Logger;
  now?: () => Date;
  /** Tells the app server a recording was saved (metadata only); failures are logged. */
  onSaved?: (entry: RecordingEntry) => Promise<void>;
}

export interface StartRequest {
  roomId: string;
  roomTitle: string;
}

export class RecordingService {
  readonly #index: RecordingIndex;
  readonly #open = new Map<string, RecordingFile>();
  #notices: RecoveryNotice[] = [];
  #unreported: RecordingEntry[] = [];
  readonly #now: () => Date;

  constructor(private readonly opts: RecordingServiceOptions) {
    this.#index = new RecordingIndex(opts.indexPath, opts.log);
    this.#now = opts.now ?? (() => new Date());
  }

  get warning(): string | undefined {
    return this.#index.warning;
  }

  /** Loads the index and repairs every recording a crash left in the 'recording' state. */
  /** Whether a recording is being written now (an update must not restart the app then). */
  get active(): boolean {
    return this.#open.size > 0;
  }

  async init(): Promise<void> {
    await this.#index.load();
    for (const entry of this.#index.all()) {
      if (entry.state === 'recording') await this.#recover(entry);
    }
  }

  async start({ roomId, roomTitle }: StartRequest): Promise<RecordingEntry> {
    if (this.opts.disabled) {
      throw new ServiceError('RECORDING_DISABLED', 'Your organisation has turned off local recording.');
    }
    const startedAt = this.#now();
    const folder = this.opts.folder();
    await mkdir(folder, { recursive: true });
    const { file, path } = await createUnique(folder, recordingBaseName(roomTitle, startedAt));
    const entry: RecordingEntry = {
      id: randomUUID(),
      roomId,
      roomTitle,
      startedAt: startedAt.toISOString(),
      endedAt: null,
      durationSeconds: null,
      sizeBytes: 0,
      path,
      chatPath: null,
      mimeType: 'video/mp4',
      state: 'recording',
    };
    try {
      await this.#index.put(entry);
    } catch (err) {
      await file.close();
      await rm(path, { force: true });
      throw err;
    }
    this.#open.set(entry.id, file);
    this.opts.log.info('recording started', { id: entry.id, path });
    return entry;
  }

  async append(id: string, position: number, data: Uint8Array): Promise<void> {
    await this.#file(id).write(position, data);
  }

  /** Closes the file and completes the entry; the chat transcript goes beside it. */
  async finish(id: string, chat: ChatLine[] = []): Promise<RecordingEntry> {
    const file = this.#file(id);
    this.#open.delete(id);
    await file.close();
    const entry = this.#index.get(id);
    if (!entry) throw new ServiceError('NOT_RECORDING', 'That recording is not in the index.');
    const done: RecordingEntry = {
      ...entry,
      endedAt: this.#now().toISOString(),
      durationSeconds: await mediaDurationSeconds(entry.path),
      sizeBytes: file.size,
      chatPath: chat.length > 0 ? await writeChatTranscript(entry.path, entry.roomTitle, chat) : null,
      state: 'complete',
    };
    await this.#index.put(done);
    this.opts.log.info('recording finished', { id, durationSeconds: done.durationSeconds });
    this.opts
      .onSaved?.(done)
      .catch((err: unknown) => this.opts.log.warn('could not report the saved recording', { id, err }));
    return done;
  }

  /** Every recording, newest first, with files gone from their place marked missing. */
  async list(): Promise<RecordingEntry[]> {
    for (const entry of this.#index.all()) {
      if (entry.state === 'recording') continue;
      const exists = await fileExists(entry.path);
      if (!exists && entry.state !== 'missing') await this.#index.put({ ...entry, state: 'missing' });
      if (exists && entry.state === 'missing') await this.#index.put({ ...entry, state: 'complete' });
    }
    return this.#index.all();
  }

  get(id: string): RecordingEntry {
    const entry = this.#index.get(id);
    if (!entry) throw new ServiceError('NOT_FOUND', 'No such recording.');
    return entry;
  }

  /** Deletes the file (and its chat transcript) and forgets the recording. */
  async delete(id: string): Promise<void> {
    const entry = this.get(id);
    if (this.#open.has(id)) throw new ServiceError('RECORDING_ACTIVE', 'Stop the recording first.');
    await rm(entry.path, { force: true });
    if (entry.chatPath) await rm(entry.chatPath, { force: true });
    await this.#index.remove(id);
  }

  /**
   * Recordings repaired at this launch that the app server has not heard of yet, once: a crash
   * sent no `recording.saved`, so it goes when someone is signed in (marked recovered).
   */
  takeUnreported(): RecordingEntry[] {
    return this.#unreported.splice(0);
  }

  /** What was recovered at launch, once: the renderer shows it as a notice. */
  takeNotices(): RecoveryNotice[] {
    const notices = this.#notices;
    this.#notices = [];
    return notices;
  }

  #file(id: string): RecordingFile {
    const file = this.#open.get(id);
    if (!file) throw new ServiceError('NOT_RECORDING', 'That recording is not running.');
    return file;
  }

  async #recover(entry: RecordingEntry): Promise<void> {
    const size = await fileSize(entry.path);
    if (size === null) {
      await this.#index.put({ ...entry, state: 'missing' });
      return;
    }
    const handle = await open(entry.path, 'r');
    const scan = await scanFragmentedMp4(handle, size).finally(() => handle.close());
    if (scan.playableLength === 0) {
      // Stopped before the first fragment: nothing playable to keep.
      await rm(entry.path, { force: true });
      await this.#index.remove(entry.id);
      this.opts.log.warn('unfinished recording had nothing playable; removed', { id: entry.id });
      return;
    }
    if (scan.playableLength < size) await truncate(entry.path, scan.playableLength);
    const durationSeconds = await mediaDurationSeconds(entry.path);
    const { mtime } = await stat(entry.path);
    const recovered: RecordingEntry = {
      ...entry,
      endedAt: mtime.toISOString(),
      durationSeconds,
      sizeBytes: scan.playableLength,
      state: 'recovered',
    };
    await this.#index.put(recovered);
    this.#unreported.push(recovered);
    const message = `Recovered recording of ${entry.roomTitle}, ${spokenDuration(durationSeconds)}`;
    this.#notices.push({ id: entry.id, roomTitle: entry.roomTitle, durationSeconds, message });
    this.opts.log.info('recording recovered', {
      id: entry.id,
      durationSeconds,
      droppedBytes: size - scan.playableLength,
    });
  }
}

async function createUnique(folder: string, base: string): Promise<{ file: RecordingFile; path: string }> {
  for (let n = 1; n < 100; n++) {
    const path = join(folder, n === 1 ? `${base}.mp4` : `${base} (${n}).mp4`);
    try {
      return { file: await RecordingFile.create(path), path };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
  }
  throw new ServiceError('RECORDING_FOLDER', 'Could not find a free file name in the recording folder.');
}

async function fileSize(path: string): Promise<number | null> {
  try {
    return (await stat(path)).size;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
}

async function fileExists(path: string): Promise<boolean> {
  return (await fileSize(path)) !== null;
}
