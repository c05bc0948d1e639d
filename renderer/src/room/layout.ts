// Pure layout arithmetic for the video grid: how many tiles fit, in what order, on which page.
// Kept free of Svelte and LiveKit so it is unit-tested directly (test/renderer/layout.test.ts).

export interface TileSize {
  columns: number;
  rows: number;
}

/** Fewest rows/columns holding `count` tiles of ~16:9 in a `width`×`height` box. */
export function gridShape(count: number, width: number, height: number): TileSize {
  if (count <= 0) return { columns: 1, rows: 1 };
  let best: TileSize = { columns: 1, rows: count };
  let bestArea = 0;
  for (let columns = 1; columns <= count; columns += 1) {
    const rows = Math.ceil(count / columns);
    const tileWidth = Math.min(width / columns, ((height / rows) * 16) / 9);
    const area = tileWidth * tileWidth * (9 / 16);
    if (area > bestArea) {
      bestArea = area;
      best = { columns, rows };
    }
  }
  return best;
}

/** How many tiles fit on one page before they become too small to recognise a face. */
export function tilesPerPage(width: number, height: number, minTileWidth = 240): number {
  const columns = Math.max(1, Math.floor(width / minTileWidth));
  const rows = Math.max(1, Math.floor(height / ((minTileWidth * 9) / 16)));
  return Math.max(1, Math.min(columns * rows, 25));
}

export interface Ordered {
  identity: string;
  isLocal: boolean;
  isSpeaking: boolean;
  lastSpokeAt: number;
  joinedAt: number;
}

/**
 * Order for the grid: yourself first, then whoever spoke most recently, then by arrival, so an
 * active speaker on page 3 moves onto page 1 instead of staying hidden.
 */
export function orderTiles<T extends Ordered>(tiles: readonly T[]): T[] {
  return [...tiles].sort((a, b) => {
    if (a.isLocal !== b.isLocal) return a.isLocal ? -1 : 1;
    if (a.lastSpokeAt !== b.lastSpokeAt) return b.lastSpokeAt - a.lastSpokeAt;
    return a.joinedAt - b.joinedAt || a.identity.localeCompare(b.identity);
  });
}

export interface Page<T> {
  items: T[];
  page: number;
  pageCount: number;
}

export function paginate<T>(items: readonly T[], page: number, perPage: number): Page<T> {
  const size = Math.max(1, Math.floor(perPage));
  const pageCount = Math.max(1, Math.ceil(items.length / size));
  const current = Math.min(Math.max(0, Math.floor(page)), pageCount - 1);
  return { items: items.slice(current * size, (current + 1) * size), page: current, pageCount };
}
