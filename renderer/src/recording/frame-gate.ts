// Decides, 30 times a second, whether to paint and encode a frame or skip it. A frame is skipped
// while the last one is still being taken (backpressure) or the encoder already holds
// MAX_IN_ENCODER: a queue there is latency, and what the encoder holds is what a crash loses.
// Skipped frames cost no time in the file: each frame carries the time it was painted. At least
// one frame goes in every STALL_MS, so an encoder that holds frames until it gets more (some
// hardware ones do) cannot stall the recording.
import type { VideoEncodingConfig } from 'mediabunny';

const MAX_IN_ENCODER = 4;
const STALL_MS = 250;

export class FrameGate {
  #inEncoder = 0;
  #lastFrameAt = -Infinity;
  #busy = false;

  /** The encoder callbacks that keep count of the frames it holds. */
  readonly encoderHooks: Pick<VideoEncodingConfig, 'onEncodedSample' | 'onEncodedPacket'> = {
    onEncodedSample: () => void this.#inEncoder++,
    onEncodedPacket: () => void this.#inEncoder--,
  };

  /** Whether a frame painted now should go to the encoder; if so, it is counted as sent. */
  open(now: number): boolean {
    if (this.#busy) return false;
    if (this.#inEncoder >= MAX_IN_ENCODER && now - this.#lastFrameAt < STALL_MS) return false;
    this.#lastFrameAt = now;
    return true;
  }

  /** The source's promise for the frame just sent: no next frame until it settles. */
  taken(added: Promise<void>): Promise<void> {
    this.#busy = true;
    return added.finally(() => {
      this.#busy = false;
    });
  }
}
