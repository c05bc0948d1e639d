// What a crashed tab left in the origin private file system, found on the next visit: an MP4
// that stops mid-fragment is cut back to its last whole fragment (the same box scan the
// desktop app uses, common/recording/mp4-boxes.ts), its duration read, and it is offered to the
// user ("Recovered recording of Design review, 47 min — Download / Discard"). Recordings that
// were handed over on an earlier visit are removed.
import { spokenDuration } from '../../../common/recording/file-names.js';
import { scanFragmentedMp4 } from '../../../common/recording/mp4-boxes.js';
import { holdLock, lockName, recordingsDir, writeInfo, type OpfsRecordingInfo } from './opfs-recordings.js';
import { OpfsWriter } from './opfs-writer.js';

export interface Leftover {
  info: OpfsRecordingInfo;
  message: string;
}

async function fileOf(id: string): Promise<File> {
  return (await (await recordingsDir()).getFileHandle(`${id}.mp4`)).getFile();
}

export async function durationOf(file: File): Promise<number> {
  // Mediabunny is large; it loads only when a recording is there to read.
  const { ALL_FORMATS, BlobSource, Input } = await import('mediabunny');
  const input = new Input({ source: new BlobSource(file), formats: ALL_FORMATS });
  try {
    return await input.computeDuration();
  } finally {
    input.dispose();
  }
}

/** Cuts the file to its last whole fragment; false when nothing playable is there. */
export async function repair(id: string): Promise<boolean> {
  const file = await fileOf(id);
  const scan = await scanFragmentedMp4(
    async (offset, length) => new Uint8Array(await file.slice(offset, offset + length).arrayBuffer()),
    file.size,
  );
  if (scan.playableLength === 0) return false;
  if (scan.playableLength < file.size) {
    const writer = new OpfsWriter();
    try {
      await writer.send({ op: 'open', name: `${id}.mp4` });
      await writer.send({ op: 'truncate', size: scan.playableLength });
      await writer.send({ op: 'close' });
    } finally {
      writer.terminate();
    }
  }
  return true;
}

export async function removeRecording(id: string): Promise<void> {
  const dir = await recordingsDir();
  for (const name of [`${id}.mp4`, `${id}.json`]) {
    // Already gone (another tab removed it) is what we wanted.
    await dir.removeEntry(name).catch((err: unknown) => {
      if (!(err instanceof DOMException && err.name === 'NotFoundError')) throw err;
    });
  }
}

async function readInfos(): Promise<OpfsRecordingInfo[]> {
  const infos: OpfsRecordingInfo[] = [];
  const dir = await recordingsDir();
  for await (const [name, handle] of dir.entries()) {
    if (!name.endsWith('.json') || handle.kind !== 'file') continue;
    try {
      infos.push(
        JSON.parse(await (await (handle as FileSystemFileHandle).getFile()).text()) as OpfsRecordingInfo,
      );
    } catch (err) {
      console.warn(`Skipping the unreadable recording record ${name}`, err);
    }
  }
  return infos;
}

/** Recordings a crash left behind (repaired now) or not yet taken; removes handed-over ones. */
export async function findLeftovers(): Promise<Leftover[]> {
  const held = new Set(((await navigator.locks.query()).held ?? []).map((lock) => lock.name));
  const found: Leftover[] = [];
  for (const info of await readInfos()) {
    // Another open tab is still writing it, or still offering its download.
    if (held.has(lockName(info.id))) continue;
    if (info.state === 'complete') {
      await removeRecording(info.id);
      continue;
    }
    let current = info;
    if (info.state === 'recording') {
      if (!(await repair(info.id).catch(() => false))) {
        await removeRecording(info.id);
        continue;
      }
      current = { ...info, state: 'recovered', durationSeconds: await durationOf(await fileOf(info.id)) };
      await writeInfo(current);
    }
    const duration = spokenDuration(current.durationSeconds ?? 0);
    found.push({ info: current, message: `Recovered recording of ${current.roomTitle}, ${duration}` });
  }
  return found.sort((a, b) => a.info.startedAt.localeCompare(b.info.startedAt));
}

/** The recovered file to download; it is removed at the next visit. */
export async function takeLeftover(info: OpfsRecordingInfo): Promise<File> {
  // Held while this page lives, so another tab does not remove it while it downloads.
  await holdLock(info.id);
  const file = await fileOf(info.id);
  await writeInfo({ ...info, state: 'complete' });
  return file;
}
