// Layout of the recording's frame: grid cells stay 16:9 inside the frame, the stage leaves room
// for the strip of other tiles.
import { describe, expect, it } from 'vitest';
import { gridRects, stageRects } from '../../renderer/src/recording/frame-layout.js';

describe('recording scene layout', () => {
  it('fits n tiles as 16:9 cells inside 1280×720, without overlap', () => {
    for (const n of [1, 2, 3, 4, 5, 9, 16]) {
      const rects = gridRects(n, 1280, 720);
      expect(rects).toHaveLength(n);
      for (const r of rects) {
        expect(r.w / r.h).toBeCloseTo(16 / 9, 5);
        expect(r.x).toBeGreaterThanOrEqual(0);
        expect(r.y).toBeGreaterThanOrEqual(0);
        expect(r.x + r.w).toBeLessThanOrEqual(1280);
        expect(r.y + r.h).toBeLessThanOrEqual(720);
      }
      for (let i = 1; i < rects.length; i++) {
        const [a, b] = [rects[i - 1]!, rects[i]!];
        expect(b.x >= a.x + a.w || b.y >= a.y + a.h).toBe(true);
      }
    }
    expect(gridRects(0, 1280, 720)).toEqual([]);
  });

  it('puts the stage left of a strip of at most four tiles', () => {
    const { stage, strip } = stageRects(6, 1280, 720);
    expect(strip).toHaveLength(4);
    for (const r of strip) expect(r.x).toBeGreaterThanOrEqual(stage.x + stage.w);
    expect(stageRects(0, 1280, 720).stage.w).toBeGreaterThan(1200);
  });
});
