// Counts how often an effect per item re-runs: a stand-in for a component re-rendering, reading
// exactly what the component reads. A Svelte effect re-runs only when a value it read changed.
export interface UpdateCounts {
  counts: Map<string, number>;
  stop(): void;
}

export function countUpdates<T>(
  items: readonly T[],
  key: (item: T) => string,
  read: (item: T) => unknown,
): UpdateCounts {
  // Deliberately not reactive: the effects write it, and must not depend on it.
  // eslint-disable-next-line svelte/prefer-svelte-reactivity
  const counts = new Map<string, number>();
  const stop = $effect.root(() => {
    for (const item of items) {
      $effect(() => {
        read(item);
        counts.set(key(item), (counts.get(key(item)) ?? 0) + 1);
      });
    }
  });
  return { counts, stop };
}
