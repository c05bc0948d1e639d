// Messages between the page and the recording worker (recording.worker.ts). The page hands over
// each track's frames as a stream (MediaStreamTrackProcessor's readable), says what the scene
// is whenever it changes, and stores every chunk the muxer writes before acknowledging it, so
// the muxer's backpressure reaches the disk as it does on the page.
import type { PaintTile } from './scene-painter.js';

export interface WorkerTile extends PaintTile {
  /** The id of a track whose frames the worker has been given, when the tile has a picture. */
  trackId: string | undefined;
}

export interface WorkerScene {
  stage: WorkerTile | undefined;
  tiles: WorkerTile[];
}

export type ToWorker =
  | { type: 'start'; audio: ReadableStream<AudioData> }
  | { type: 'track'; trackId: string; frames: ReadableStream<VideoFrame> }
  | { type: 'untrack'; trackId: string }
  | { type: 'scene'; scene: WorkerScene }
  /** The chunk `seq` is stored; the muxer may go on. */
  | { type: 'stored'; seq: number }
  | { type: 'store-failed'; seq: number; message: string }
  | { type: 'stop' }
  | { type: 'cancel' };

export type FromWorker =
  | { type: 'started' }
  | { type: 'chunk'; seq: number; position: number; data: Uint8Array<ArrayBuffer> }
  | { type: 'stopped' }
  | { type: 'failed'; code: 'UNSUPPORTED' | 'ENCODER'; message: string };
