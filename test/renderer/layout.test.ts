import { describe, expect, it } from 'vitest';
import { gridShape, orderTiles, paginate, tilesPerPage } from '../../renderer/src/room/layout.js';

const tile = (identity: string, over: Partial<Parameters<typeof orderTiles>[0][number]> = {}) => ({
  identity,
  isLocal: false,
  joinedAt: 0,
  ...over,
});

describe('gridShape', () => {
  it('puts two people side by side in a wide box and on top of each other in a tall one', () => {
    expect(gridShape(2, 1600, 600)).toEqual({ columns: 2, rows: 1 });
    expect(gridShape(2, 600, 1000)).toEqual({ columns: 1, rows: 2 });
  });

  it('always has room for every tile', () => {
    for (let count = 1; count <= 30; count += 1) {
      const { columns, rows } = gridShape(count, 1280, 720);
      expect(columns * rows).toBeGreaterThanOrEqual(count);
      expect(columns * (rows - 1)).toBeLessThan(count);
    }
  });
});

describe('tilesPerPage', () => {
  it('fits more tiles in a bigger box, at least one, at most 49', () => {
    expect(tilesPerPage(100, 100)).toBe(1);
    expect(tilesPerPage(1280, 720)).toBeGreaterThan(tilesPerPage(640, 360));
    expect(tilesPerPage(10_000, 10_000)).toBe(49);
  });

  it('shows a 49-person gallery on one page of a 1920×1080 window', () => {
    expect(tilesPerPage(1880, 900)).toBe(49);
  });
});

describe('orderTiles', () => {
  it('puts yourself first, then the latest promoted speakers, then arrival order', () => {
    const ordered = orderTiles(
      [
        tile('early', { joinedAt: 1 }),
        tile('promoted-long-ago', { joinedAt: 5 }),
        tile('me', { isLocal: true, joinedAt: 9 }),
        tile('promoted-now', { joinedAt: 6 }),
        tile('late', { joinedAt: 7 }),
      ],
      new Map([
        ['promoted-long-ago', 10],
        ['promoted-now', 20],
      ]),
    );
    expect(ordered.map((t) => t.identity)).toEqual([
      'me',
      'promoted-now',
      'promoted-long-ago',
      'early',
      'late',
    ]);
  });
});

describe('paginate', () => {
  const items = Array.from({ length: 11 }, (_, i) => i);

  it('slices pages and counts them', () => {
    expect(paginate(items, 0, 4)).toEqual({ items: [0, 1, 2, 3], page: 0, pageCount: 3 });
    expect(paginate(items, 2, 4)).toEqual({ items: [8, 9, 10], page: 2, pageCount: 3 });
  });

  it('clamps a page that no longer exists (people left) to the last one', () => {
    expect(paginate(items, 7, 4).page).toBe(2);
    expect(paginate([], 3, 4)).toEqual({ items: [], page: 0, pageCount: 1 });
  });
});
