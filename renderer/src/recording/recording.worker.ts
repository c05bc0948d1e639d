// The recording worker: keeps the newest frame of every track it is given, paints the scene into
// an OffscreenCanvas 30 times a second, and encodes that and the audio mix into a fragmented MP4
// (encoding.ts). Nothing here waits on the page's main thread except the storing of each chunk.
import { AudioSample, AudioSampleSource, CanvasSource, type Output } from 'mediabunny';
import {
  AUDIO_BITRATE,
  chooseCodecs,
  FPS,
  fragmentedOutput,
  HEIGHT,
  RecordingError,
  videoEncoding,
  WIDTH,
  type RecordingSink,
} from './encoding.js';
import type { FromWorker, ToWorker, WorkerScene, WorkerTile } from './recording-protocol.js';
import { AudioClock } from './audio-clock.js';
import { FrameGate } from './frame-gate.js';
import { paintScene, type Picture } from './scene-painter.js';

interface TrackFrames {
  reader: ReadableStreamDefaultReader<VideoFrame>;
  latest: VideoFrame | undefined;
}

const tracks = new Map<string, TrackFrames>();
const storing = new Map<number, { resolve: () => void; reject: (err: Error) => void }>();
let scene: WorkerScene = { stage: undefined, tiles: [] };
let output: Output | undefined;
let video: CanvasSource | undefined;
let ctx: OffscreenCanvasRenderingContext2D | undefined;
let timer: ReturnType<typeof setInterval> | undefined;
/** The last frame's hand-over to the encoder, waited for before the end. */
let lastFrame: Promise<void> | undefined;
let audioPump: Promise<void> | undefined;
let audioReader: ReadableStreamDefaultReader<AudioData> | undefined;
let startedAt = 0;
const gate = new FrameGate();
let seq = 0;
let failed = false;

function post(message: FromWorker, transfer: Transferable[] = []): void {
  self.postMessage(message, { transfer });
}

/** Chunks go to the page, which stores them; the muxer waits for each to be stored. */
const pageSink: RecordingSink = {
  write: (position, data) =>
    new Promise<void>((resolve, reject) => {
      const id = ++seq;
      storing.set(id, { resolve, reject });
      // A copy of our own to transfer: the muxer may reuse its buffer.
      const copy = data.slice();
      post({ type: 'chunk', seq: id, position, data: copy }, [copy.buffer]);
    }),
  close: async () => undefined,
  abort: async () => undefined,
};

async function start(audio: ReadableStream<AudioData>): Promise<void> {
  const codecs = await chooseCodecs();
  const canvas = new OffscreenCanvas(WIDTH, HEIGHT);
  const context = canvas.getContext('2d', { alpha: false });
  if (!context)
    throw new RecordingError('UNSUPPORTED', 'This browser cannot draw the recording (no 2D canvas).');
  ctx = context;
  output = fragmentedOutput(pageSink);
  video = new CanvasSource(canvas, { ...videoEncoding(codecs.video), ...gate.encoderHooks });
  const audioSource = new AudioSampleSource({ codec: codecs.audio, bitrate: AUDIO_BITRATE });
  output.addVideoTrack(video, { frameRate: FPS });
  output.addAudioTrack(audioSource);
  await output.start();
  startedAt = performance.now();
  tick();
  // A worker's timers are not throttled when the window is hidden: the recording goes on.
  timer = setInterval(tick, 1000 / FPS);
  audioReader = audio.getReader();
  audioPump = pumpAudio(audioReader, audioSource).catch(fail);
  post({ type: 'started' });
}

/** Paints and encodes one frame, unless the encoder is behind (frame-gate.ts). */
function tick(): void {
  const now = performance.now();
  if (!ctx || !video || failed || !gate.open(now)) return;
  paintScene(ctx, scene, picture);
  lastFrame = gate.taken(video.add((now - startedAt) / 1000, 1 / FPS)).catch(fail);
}

function picture(tile: WorkerTile): Picture | undefined {
  const frame = tile.trackId ? tracks.get(tile.trackId)?.latest : undefined;
  return frame && { source: frame, width: frame.displayWidth, height: frame.displayHeight };
}

/** Encodes the audio mix as it comes, each sample placed by audio-clock.ts. */
async function pumpAudio(
  reader: ReadableStreamDefaultReader<AudioData>,
  source: AudioSampleSource,
): Promise<void> {
  const clock = new AudioClock();
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return;
    const sample = new AudioSample(value);
    sample.setTimestamp(
      clock.place(sample.timestamp, sample.duration, (performance.now() - startedAt) / 1000),
    );
    try {
      await source.add(sample);
    } finally {
      sample.close();
    }
  }
}

function addTrack(trackId: string, frames: ReadableStream<VideoFrame>): void {
  removeTrack(trackId);
  const entry: TrackFrames = { reader: frames.getReader(), latest: undefined };
  tracks.set(trackId, entry);
  void (async () => {
    for (;;) {
      const { value, done } = await entry.reader.read().catch(() => ({ value: undefined, done: true }));
      if (done || !value) return;
      if (tracks.get(trackId) !== entry) {
        value.close();
        return;
      }
      entry.latest?.close();
      entry.latest = value;
    }
  })();
}

function removeTrack(trackId: string): void {
  const entry = tracks.get(trackId);
  if (!entry) return;
  tracks.delete(trackId);
  entry.latest?.close();
  void entry.reader.cancel().catch(() => undefined);
}

/** Stops painting and reading, then lets the muxer write the rest (`finish`) or drops it. */
async function end(finish: boolean): Promise<void> {
  clearInterval(timer);
  timer = undefined;
  ctx = undefined;
  await lastFrame;
  await audioReader?.cancel().catch(() => undefined);
  await audioPump;
  for (const trackId of [...tracks.keys()]) removeTrack(trackId);
  if (finish) await output?.finalize();
  else await output?.cancel();
  output = undefined;
  post({ type: 'stopped' });
}

/** The first failure while recording is told once; the page then stops or cancels. */
function fail(err: unknown): void {
  if (failed) return;
  failed = true;
  clearInterval(timer);
  post(failure(err));
}

function failure(err: unknown): FromWorker {
  const code = err instanceof RecordingError ? err.code : 'ENCODER';
  return { type: 'failed', code, message: err instanceof Error ? err.message : String(err) };
}

self.onmessage = (event: MessageEvent<ToWorker>) => {
  const message = event.data;
  switch (message.type) {
    case 'start':
      start(message.audio).catch(fail);
      return;
    case 'track':
      addTrack(message.trackId, message.frames);
      return;
    case 'untrack':
      removeTrack(message.trackId);
      return;
    case 'scene':
      scene = message.scene;
      return;
    case 'stored':
      storing.get(message.seq)?.resolve();
      storing.delete(message.seq);
      return;
    case 'store-failed':
      storing.get(message.seq)?.reject(new Error(message.message));
      storing.delete(message.seq);
      return;
    // Always answered, with 'stopped' or 'failed', even after an earlier failure.
    case 'stop':
    case 'cancel':
      end(message.type === 'stop').catch((err: unknown) => post(failure(err)));
      return;
    default: {
      const never: never = message;
      throw new Error(`Unknown message ${JSON.stringify(never)}`);
    }
  }
};
