// The page's side of the recording worker (recording.worker.ts): hands the worker each shown
// track's frames and the audio mix as streams, tells it the scene when it changes, and stores
// the chunks it sends through the sink, acknowledging each once stored.
import { RecordingError, type RecordingSink } from './encoding.js';
import type { MeetingRecorder } from './recorder.js';
import type { FromWorker, ToWorker, WorkerScene, WorkerTile } from './recording-protocol.js';
import type { Scene, SceneTile } from './scene.js';

/** How often the scene is read: a new speaker or page shows in the recording this soon. */
const SCENE_MS = 200;
/** How long a cancel waits for the worker before it is terminated anyway. */
const CANCEL_MS = 2_000;
const AUDIO_BUFFER = 100;

type Reply = Extract<FromWorker, { type: 'started' | 'stopped' }>['type'];

export class WorkerRecorder implements MeetingRecorder {
  #worker: Worker | undefined;
  #sceneTimer: ReturnType<typeof setInterval> | undefined;
  readonly #tracks = new Set<string>();
  #lastScene = '';
  #failure: RecordingError | undefined;
  readonly #waiting = new Set<{ type: Reply; resolve: () => void; reject: (err: Error) => void }>();
  #rejectFailed: (err: Error) => void = () => undefined;
  readonly #failed = new Promise<never>((_, reject) => {
    this.#rejectFailed = reject;
  });

  constructor() {
    this.#failed.catch(() => undefined);
  }

  get failed(): Promise<never> {
    return this.#failed;
  }

  async start(scene: () => Scene, audio: MediaStreamAudioTrack, sink: RecordingSink): Promise<void> {
    const worker = new Worker(new URL('./recording.worker.ts', import.meta.url), {
      type: 'module',
      name: 'convene-recording',
    });
    this.#worker = worker;
    worker.onmessage = (event: MessageEvent<FromWorker>) => this.#receive(event.data, sink);
    worker.onerror = (event) =>
      this.#fail(new RecordingError('ENCODER', `The recording stopped: ${event.message}`));
    const started = this.#next('started');
    // A second of audio may wait for the worker (10 ms a piece); beyond that the oldest is dropped.
    const frames = new MediaStreamTrackProcessor({ track: audio, maxBufferSize: AUDIO_BUFFER }).readable;
    this.#send({ type: 'start', audio: frames }, [frames]);
    this.#syncScene(scene);
    this.#sceneTimer = setInterval(() => this.#syncScene(scene), SCENE_MS);
    try {
      await started;
    } catch (err) {
      this.#release();
      throw err;
    }
  }

  async stop(): Promise<void> {
    clearInterval(this.#sceneTimer);
    try {
      const stopped = this.#next('stopped');
      this.#send({ type: 'stop' });
      await stopped;
    } finally {
      this.#release();
    }
  }

  async cancel(): Promise<void> {
    clearInterval(this.#sceneTimer);
    const stopped = this.#next('stopped').catch(() => undefined);
    this.#send({ type: 'cancel' });
    await Promise.race([stopped, new Promise((resolve) => setTimeout(resolve, CANCEL_MS))]);
    this.#release();
  }

  #receive(message: FromWorker, sink: RecordingSink): void {
    switch (message.type) {
      case 'chunk':
        sink.write(message.position, message.data).then(
          () => this.#send({ type: 'stored', seq: message.seq }),
          (err: unknown) =>
            this.#send({
              type: 'store-failed',
              seq: message.seq,
              message: err instanceof Error ? err.message : String(err),
            }),
        );
        return;
      case 'failed':
        this.#fail(new RecordingError(message.code, message.message));
        return;
      default:
        for (const waiter of [...this.#waiting]) {
          if (waiter.type !== message.type) continue;
          this.#waiting.delete(waiter);
          waiter.resolve();
        }
    }
  }

  #next(type: Reply): Promise<void> {
    if (this.#failure) return Promise.reject(this.#failure);
    return new Promise<void>((resolve, reject) => this.#waiting.add({ type, resolve, reject }));
  }

  #fail(err: RecordingError): void {
    this.#failure ??= err;
    this.#rejectFailed(err);
    for (const waiter of this.#waiting) waiter.reject(err);
    this.#waiting.clear();
  }

  /** Gives the worker the frames of tracks newly shown, takes back those gone, and the scene. */
  #syncScene(scene: () => Scene): void {
    const now = scene();
    const shown = new Map<string, MediaStreamTrack>();
    for (const tile of [now.stage, ...now.tiles]) {
      if (tile?.track?.readyState === 'live') shown.set(tile.track.id, tile.track);
    }
    for (const trackId of this.#tracks) {
      if (shown.has(trackId)) continue;
      this.#tracks.delete(trackId);
      this.#send({ type: 'untrack', trackId });
    }
    for (const [trackId, track] of shown) {
      if (this.#tracks.has(trackId)) continue;
      const frames = new MediaStreamTrackProcessor({ track: track as MediaStreamVideoTrack }).readable;
      this.#tracks.add(trackId);
      this.#send({ type: 'track', trackId, frames }, [frames]);
    }
    const plain: WorkerScene = {
      stage: now.stage && plainTile(now.stage, shown),
      tiles: now.tiles.map((t) => plainTile(t, shown)),
    };
    const key = JSON.stringify(plain);
    if (key === this.#lastScene) return;
    this.#lastScene = key;
    this.#send({ type: 'scene', scene: plain });
  }

  #send(message: ToWorker, transfer: Transferable[] = []): void {
    this.#worker?.postMessage(message, transfer);
  }

  #release(): void {
    clearInterval(this.#sceneTimer);
    this.#worker?.terminate();
    this.#worker = undefined;
    this.#tracks.clear();
  }
}

function plainTile(tile: SceneTile, shown: Map<string, MediaStreamTrack>): WorkerTile {
  const trackId = tile.track && shown.has(tile.track.id) ? tile.track.id : undefined;
  return { key: tile.key, name: tile.name, screen: tile.screen, recording: tile.recording, trackId };
}
