// Places the audio mix's samples on the recording's timeline. Each AudioData carries its own
// capture time, which keeps the gaps right when the browser drops audio the worker was too slow
// to read; that clock is set against the recording's by one sample. But the first sample from a
// fresh MediaStreamTrackProcessor can carry a time from another base (seconds away from the rest
// was seen), which would put all audio that far off and hold every fragment back while the
// muxer waits for audio to catch up with video. So a sample that would land before the end of
// the last one, or in the future (it cannot be read before it was captured), sets the clock again.
const FUTURE_TOLERANCE_S = 0.05;

export class AudioClock {
  #offset: number | undefined;
  #end = 0;

  /** The recording time for a sample captured at `captured` (seconds, its own clock), lasting
   *  `duration`, read `now` seconds into the recording. */
  place(captured: number, duration: number, now: number): number {
    let at = this.#offset === undefined ? undefined : captured + this.#offset;
    if (at === undefined || at < this.#end - 0.001 || at > now + FUTURE_TOLERANCE_S) {
      at = Math.max(now - duration, this.#end);
      this.#offset = at - captured;
    }
    this.#end = at + duration;
    return at;
  }
}
