// The two ways to record the meeting, behind one interface. Where the browser can hand a track's
// frames to a worker (MediaStreamTrackProcessor: Chromium, so the desktop app), compositing,
// encoding and muxing run in the recording worker, away from the page's main thread, whose
// stalls under load would otherwise hold fragments back. Elsewhere the page does it all.
import type { RecordingSink } from './encoding.js';
import type { Scene } from './scene.js';

export interface MeetingRecorder {
  /** Starts encoding `scene()` and `audio`; `failed` rejects if the encoder or the sink breaks. */
  start(scene: () => Scene, audio: MediaStreamAudioTrack, sink: RecordingSink): Promise<void>;
  readonly failed: Promise<never>;
  /** Writes the last fragment and the index; resolves once the sink has taken them. */
  stop(): Promise<void>;
  /** Drops what is not yet written (the sink is broken). */
  cancel(): Promise<void>;
}

/** Loaded with the first recording: Mediabunny is large and most meetings never record. */
export async function createRecorder(): Promise<MeetingRecorder> {
  if (workerRecordingSupported()) {
    const { WorkerRecorder } = await import('./worker-recorder.js');
    return new WorkerRecorder();
  }
  const { PageRecorder } = await import('./page-recorder.js');
  return new PageRecorder();
}

export function workerRecordingSupported(): boolean {
  return typeof MediaStreamTrackProcessor !== 'undefined' && typeof OffscreenCanvas !== 'undefined';
}
