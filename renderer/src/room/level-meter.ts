// Microphone level through a Web Audio analyser: RMS of the waveform, scaled so speech at a
// normal distance fills most of the meter.
import { rmsToLevel } from './level.js';

export class LevelMeter {
  readonly #context = new AudioContext();
  readonly #analyser: AnalyserNode;
  readonly #samples: Float32Array<ArrayBuffer>;
  #frame = 0;

  constructor(track: MediaStreamTrack, onLevel: (level: number) => void) {
    this.#analyser = this.#context.createAnalyser();
    this.#analyser.fftSize = 512;
    this.#samples = new Float32Array(this.#analyser.fftSize);
    this.#context.createMediaStreamSource(new MediaStream([track])).connect(this.#analyser);
    // A context made before any click starts suspended in browsers that enforce autoplay rules.
    void this.#context.resume();
    const tick = (): void => {
      onLevel(levelOf(this.#samples, this.#analyser));
      this.#frame = requestAnimationFrame(tick);
    };
    this.#frame = requestAnimationFrame(tick);
  }

  stop(): void {
    cancelAnimationFrame(this.#frame);
    void this.#context.close();
  }
}

function levelOf(samples: Float32Array<ArrayBuffer>, analyser: AnalyserNode): number {
  analyser.getFloatTimeDomainData(samples);
  let sum = 0;
  for (const s of samples) sum += s * s;
  return rmsToLevel(Math.sqrt(sum / samples.length));
}
