// Web mode: the recording goes through the browser's File System Access API, chunk by chunk at
// its byte position, into a file the user picks, so nothing is held whole in memory.
import type { RecordingSink } from './recorder.js';

interface SaveFilePickerWindow {
  showSaveFilePicker?: (options: {
    suggestedName: string;
    types: Array<{ description: string; accept: Record<string, string[]> }>;
  }) => Promise<FileSystemFileHandle>;
}

export function webRecordingSupported(): boolean {
  return typeof (window as SaveFilePickerWindow).showSaveFilePicker === 'function';
}

export async function webSink(roomTitle: string): Promise<RecordingSink> {
  const picker = (window as SaveFilePickerWindow).showSaveFilePicker;
  if (!picker) throw new Error('This browser cannot save a recording to a file.');
  const handle = await picker({
    suggestedName: `Convene - ${roomTitle.replace(/[<>:"/\\|?*]/g, '_')}.mp4`,
    types: [{ description: 'MP4 video', accept: { 'video/mp4': ['.mp4'] } }],
  });
  const file = await handle.createWritable();
  return {
    write: (position, data) => file.write({ type: 'write', position, data }),
    close: () => file.close(),
    abort: () => file.abort(),
  };
}
