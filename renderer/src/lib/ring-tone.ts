// The ring of an incoming call, made with WebAudio so no sound file ships: two tones together
// (440 + 480 Hz, the North American ring) for 2 s, then 4 s of quiet, again and again until
// stop(). Started from the ring banner; a silent ring (I am in a meeting) never starts one.
const ON_S = 2;
const CYCLE_S = 6;
const CYCLES = 10; // 60 s: longer than any ring lasts (the server ends it at 30 s)
const VOLUME = 0.12;

export class RingTone {
  readonly #ctx = new AudioContext();

  /** Resolves with whether the browser lets it sound (autoplay rules may hold it back). */
  async start(): Promise<boolean> {
    const ctx = this.#ctx;
    const gain = ctx.createGain();
    gain.gain.value = 0;
    gain.connect(ctx.destination);
    for (const hz of [440, 480]) {
      const tone = ctx.createOscillator();
      tone.frequency.value = hz;
      tone.connect(gain);
      tone.start();
    }
    const t0 = ctx.currentTime + 0.05;
    for (let i = 0; i < CYCLES; i += 1) {
      const at = t0 + i * CYCLE_S;
      // Short ramps, so the tone starts and ends without a click.
      gain.gain.setValueAtTime(0, at);
      gain.gain.linearRampToValueAtTime(VOLUME, at + 0.02);
      gain.gain.setValueAtTime(VOLUME, at + ON_S - 0.02);
      gain.gain.linearRampToValueAtTime(0, at + ON_S);
    }
    await ctx.resume().catch(() => undefined);
    return ctx.state === 'running';
  }

  stop(): void {
    void this.#ctx.close().catch(() => undefined);
  }
}
