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

/** The most tiles one page shows, as in Zoom, Teams and Meet. */
export const MAX_TILES_PER_PAGE = 49;

/** How many tiles fit on one page before they become too small to recognise a face. */
export function tilesPerPage(width: number, height: number, minTileWidth = 160): number {
  const columns = Math.max(1, Math.floor(width / minTileWidth));
  const rows = Math.max(1, Math.floor(height / ((minTileWidth * 9) / 16)));
  return Math.max(1, Math.min(columns * rows, MAX_TILES_PER_PAGE));
}

export interface Ordered {
  identity: string;
  isLocal: boolean;
  joinedAt: number;
}

/**
 * Order for the grid: yourself first, then whoever was promoted most recently (someone who began
 * to speak while off screen), then by arrival. An active speaker on page 3 moves onto page 1;
 * people already on screen keep their places, so a grid does not reshuffle at every new speaker.
 */
export function orderTiles<T extends Ordered>(
  tiles: readonly T[],
  promotedAt: ReadonlyMap<string, number> = new Map(),
): T[] {
  return [...tiles].sort((a, b) => {
    if (a.isLocal !== b.isLocal) return a.isLocal ? -1 : 1;
    const promoted = (promotedAt.get(b.identity) ?? 0) - (promotedAt.get(a.identity) ?? 0);
    if (promoted !== 0) return promoted;
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
