// The adaptive-stream benchmark's judgement: the layer LiveKit should send a tile, and the pairs
// of tile sizes whose received layer or bitrate breaks "smaller tile, less video".
import { describe, expect, it } from 'vitest';
import { byGroup, expectedLayerHeight, violations } from '../../bench/room-scale/tile-layers.js';

const LAYERS = [540, 180, 360];

describe('expectedLayerHeight', () => {
  it('picks the smallest layer at least 0.9 × the tile height, else the top one', () => {
    expect(expectedLayerHeight(LAYERS, 113)).toBe(180);
    expect(expectedLayerHeight(LAYERS, 200)).toBe(180); // 180 ≥ 0.9 × 200
    expect(expectedLayerHeight(LAYERS, 201)).toBe(360);
    expect(expectedLayerHeight(LAYERS, 347)).toBe(360);
    expect(expectedLayerHeight(LAYERS, 467)).toBe(540);
    expect(expectedLayerHeight(LAYERS, 1080)).toBe(540);
    expect(expectedLayerHeight([], 300)).toBe(0);
  });
});

describe('violations', () => {
  const tile = (group: string, tileHeight: number, receivedHeight: number, kbps: number) => ({
    group,
    tileHeight,
    receivedHeight,
    kbps,
  });

  it('finds none when smaller tiles get lower layers and fewer bits', () => {
    const groups = byGroup([
      tile('filmstrip', 113, 180, 134),
      tile('filmstrip', 113, 180, 136),
      tile('grid', 347, 360, 450),
      tile('stage', 840, 540, 751),
    ]);
    expect(groups.find((g) => g.group === 'filmstrip')).toMatchObject({ tileHeight: 113, kbps: 136 });
    expect(violations(groups)).toEqual([]);
  });

  it('names a smaller tile that receives a taller layer, or a lower layer with more bits', () => {
    expect(violations(byGroup([tile('filmstrip', 113, 360, 400), tile('stage', 840, 180, 500)]))).toEqual([
      'filmstrip (360p) above stage (180p)',
    ]);
    expect(violations(byGroup([tile('filmstrip', 113, 180, 800), tile('stage', 840, 540, 700)]))).toEqual([
      'filmstrip (800 kbit/s) not below stage (700 kbit/s)',
    ]);
    // Tiles less than 1.5× apart are not compared.
    expect(violations(byGroup([tile('a', 300, 360, 500), tile('b', 400, 180, 100)]))).toEqual([]);
  });
});
