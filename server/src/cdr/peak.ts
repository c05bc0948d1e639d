// Peak concurrency of a session's legs. Recomputed from all legs on every change, so the answer
// does not depend on the order in which LiveKit's events arrived.
export interface Interval {
  joined_at: number;
  left_at: number | null;
}

export function peakConcurrency(legs: readonly Interval[]): number {
  const edges: [time: number, delta: number][] = [];
  for (const leg of legs) {
    edges.push([leg.joined_at, 1]);
    if (leg.left_at !== null) edges.push([Math.max(leg.left_at, leg.joined_at), -1]);
  }
  // At equal times a departure counts before an arrival: a hand-over is not an overlap.
  edges.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  let current = 0;
  let peak = 0;
  for (const [, delta] of edges) {
    current += delta;
    peak = Math.max(peak, current);
  }
  return peak;
}
