// Recording on the page's own thread, for browsers without MediaStreamTrackProcessor: the
// compositor paints a canvas 30 times a second and each painting goes to the encoder as it
// would in the worker; the audio mix is encoded from its track.
import { CanvasSource, MediaStreamAudioTrackSource, type Output } from 'mediabunny';
import { Compositor } from './compositor.js';
import {
  AUDIO_BITRATE,
  chooseCodecs,
  FPS,
  fragmentedOutput,
  RecordingError,
  videoEncoding,
  type RecordingSink,
} from './encoding.js';
import { FrameGate } from './frame-gate.js';
import type { MeetingRecorder } from './recorder.js';
import type { Scene } from './scene.js';

export class PageRecorder implements MeetingRecorder {
  #output: Output | undefined;
  #compositor: Compositor | undefined;
  #timer: ReturnType<typeof setInterval> | undefined;
  #lastFrame: Promise<void> | undefined;
  #failed: Promise<never> = new Promise<never>(() => undefined);

  async start(scene: () => Scene, audio: MediaStreamAudioTrack, sink: RecordingSink): Promise<void> {
    const codecs = await chooseCodecs();
    const compositor = new Compositor(scene);
    this.#compositor = compositor;
    const gate = new FrameGate();
    const output = fragmentedOutput(sink);
    const video = new CanvasSource(compositor.canvas, {
      ...videoEncoding(codecs.video),
      ...gate.encoderHooks,
    });
    const audioSource = new MediaStreamAudioTrackSource(audio, {
      codec: codecs.audio,
      bitrate: AUDIO_BITRATE,
    });
    output.addVideoTrack(video, { frameRate: FPS });
    output.addAudioTrack(audioSource);
    let fail: (err: unknown) => void = () => undefined;
    const videoFailed = new Promise<never>((_, reject) => (fail = reject));
    this.#failed = Promise.race([videoFailed, audioSource.errorPromise]).then(() => {
      throw new RecordingError('ENCODER', 'The recording stopped: the encoder failed.');
    });
    this.#failed.catch(() => undefined);
    await output.start();
    const startedAt = performance.now();
    const tick = () => {
      const now = performance.now();
      if (!gate.open(now)) return;
      compositor.draw();
      this.#lastFrame = gate.taken(video.add((now - startedAt) / 1000, 1 / FPS)).catch(fail);
    };
    tick();
    // A timer, not requestAnimationFrame: the recording goes on when the window is hidden.
    this.#timer = setInterval(tick, 1000 / FPS);
    this.#output = output;
  }

  get failed(): Promise<never> {
    return this.#failed;
  }

  async stop(): Promise<void> {
    try {
      await this.#halt();
      await this.#output?.finalize();
    } finally {
      this.#release();
    }
  }

  async cancel(): Promise<void> {
    try {
      await this.#halt();
      await this.#output?.cancel();
    } finally {
      this.#release();
    }
  }

  async #halt(): Promise<void> {
    clearInterval(this.#timer);
    await this.#lastFrame;
  }

  #release(): void {
    clearInterval(this.#timer);
    this.#output = undefined;
    this.#compositor?.stop();
    this.#compositor = undefined;
  }
}
