// BENCH_PLAYOUT_DELAY for the room-scale benchmarks: LiveKit's playout delay, an experiment on
// how receivers buffer video (see docs/ARCHITECTURE.md, "Playout delay, an experiment").
import type { PlayoutDelay } from '../../scripts/stack/livekit-config.js';

/** "min,max" in ms, min ≤ max; undefined when unset (LiveKit's default). */
export function playoutDelayFromEnv(value = process.env.BENCH_PLAYOUT_DELAY): PlayoutDelay | undefined {
  if (!value) return undefined;
  const match = /^(\d+),(\d+)$/.exec(value.trim());
  const [minMs, maxMs] = match ? [Number(match[1]), Number(match[2])] : [NaN, NaN];
  if (!(minMs <= maxMs))
    throw new Error(`BENCH_PLAYOUT_DELAY: "${value}" is not min,max in ms with min ≤ max`);
  return { minMs, maxMs };
}
