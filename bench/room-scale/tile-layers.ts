// Arithmetic for the adaptive-stream benchmark: which simulcast layer LiveKit should send to a
// tile of a given size, and whether what was received follows tile size.

/**
 * The layer livekit-server picks for a requested size (MediaTrackReceiver.GetQualityForDimension,
 * v1.13): the smallest layer at least 0.9 × the requested height, else the top one. livekit-client
 * requests the element's CSS size × pixel density (1 on a desktop screen at 100 %).
 */
export function expectedLayerHeight(layerHeights: readonly number[], requestedHeight: number): number {
  const sorted = [...layerHeights].sort((a, b) => a - b);
  const wanted = requestedHeight * 0.9;
  return sorted.find((h) => h >= wanted) ?? sorted[sorted.length - 1] ?? 0;
}

export interface TileFigure {
  /** The case and where the tile sits in it, e.g. "speaker / filmstrip". */
  group: string;
  tileHeight: number;
  receivedHeight: number;
  kbps: number;
}

export interface GroupFigure {
  group: string;
  tileHeight: number;
  receivedHeight: number;
  kbps: number;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? NaN;

export function byGroup(tiles: readonly TileFigure[]): GroupFigure[] {
  const groups = new Map<string, TileFigure[]>();
  for (const t of tiles) groups.set(t.group, [...(groups.get(t.group) ?? []), t]);
  return [...groups].map(([group, members]) => ({
    group,
    tileHeight: median(members.map((m) => m.tileHeight)),
    receivedHeight: median(members.map((m) => m.receivedHeight)),
    kbps: median(members.map((m) => m.kbps)),
  }));
}

/**
 * Pairs of groups that break "a smaller tile receives a lower (or the same) layer and fewer bits":
 * only tiles at least 1.5× apart in height are compared, and the smaller must receive no taller
 * frames and, when its layer is lower, fewer bits.
 */
export function violations(groups: readonly GroupFigure[]): string[] {
  const found: string[] = [];
  for (const small of groups) {
    for (const large of groups) {
      if (small.tileHeight * 1.5 > large.tileHeight) continue;
      if (small.receivedHeight > large.receivedHeight) {
        found.push(
          `${small.group} (${small.receivedHeight}p) above ${large.group} (${large.receivedHeight}p)`,
        );
      } else if (small.receivedHeight < large.receivedHeight && small.kbps >= large.kbps) {
        found.push(
          `${small.group} (${small.kbps.toFixed(0)} kbit/s) not below ${large.group} (${large.kbps.toFixed(0)} kbit/s)`,
        );
      }
    }
  }
  return found;
}
