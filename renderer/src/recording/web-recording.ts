// The end of a web recording: the file in the browser's private file system is closed
// (repaired first when the muxer could not finish it), downloaded under a readable name, and
// reported to the app server (metadata only), as the desktop app reports its recordings.
import { errorText, type Platform } from '../platform/platform.js';
import { durationOf, repair } from './opfs-recovery.js';
import type { OpfsRecording } from './opfs-recordings.js';
import { downloadFile } from './save-download.js';

export async function handOver(platform: Platform, recording: OpfsRecording, whole: boolean): Promise<void> {
  await recording.close();
  if (!whole && !(await repair(recording.info.id))) throw new Error('Nothing playable was recorded.');
  const file = await recording.file();
  const durationSeconds = await durationOf(file);
  downloadFile(file, recording.info.fileName);
  // A full disk may refuse even this small record; the file is downloaded either way, and the
  // next visit offers it again rather than losing it.
  await recording
    .markTaken(durationSeconds)
    .catch((err: unknown) => console.warn('Could not mark the recording as downloaded', err));
  await platform
    .call('recordings.saved', {
      body: {
        roomId: recording.info.roomId,
        startedAt: recording.info.startedAt,
        durationSeconds,
        sizeBytes: file.size,
        mimeType: file.type || 'video/mp4',
      },
    })
    .catch((err: unknown) => console.warn(`The server did not hear of the recording: ${errorText(err)}`));
}
