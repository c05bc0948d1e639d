// Where the ring window goes: the top-right of the work area of the display nearest the cursor,
// as tall as its rings, never outside the work area. Pure maths, no Electron.
import { describe, expect, it } from 'vitest';
import {
  nearestDisplay,
  RING_WINDOW,
  ringWindowBounds,
  ringWindowHeight,
  type DisplayArea,
} from '../../electron/services/ring-placement.js';

const { width: W, margin: M } = RING_WINDOW;
// A laptop at the origin (menu bar 25 px), a monitor to its left at negative x, one above it.
const laptop: DisplayArea = {
  id: 1,
  bounds: { x: 0, y: 0, width: 1440, height: 900 },
  workArea: { x: 0, y: 25, width: 1440, height: 875 },
};
// Its taskbar (40 px) at the bottom.
const left: DisplayArea = {
  id: 2,
  bounds: { x: -1920, y: -200, width: 1920, height: 1080 },
  workArea: { x: -1920, y: -200, width: 1920, height: 1040 },
};
const above: DisplayArea = {
  id: 3,
  bounds: { x: 0, y: -1080, width: 1920, height: 1080 },
  workArea: { x: 0, y: -1080, width: 1920, height: 1080 },
};
const only = (workArea: DisplayArea['workArea']): DisplayArea => ({ id: 9, bounds: workArea, workArea });
const displays = [laptop, left, above];

describe('ring window placement', () => {
  it('grows by one card and gap per ring', () => {
    const one = ringWindowHeight(1);
    expect(one).toBe(RING_WINDOW.padding * 2 + RING_WINDOW.card);
    expect(ringWindowHeight(2) - one).toBe(RING_WINDOW.card + RING_WINDOW.gap);
    expect(ringWindowHeight(3) - ringWindowHeight(2)).toBe(RING_WINDOW.card + RING_WINDOW.gap);
    expect(ringWindowHeight(0)).toBe(one); // shown for at least one card
  });

  it('goes to the top-right of the work area of the display under the cursor', () => {
    expect(ringWindowBounds(displays, { x: 700, y: 400 }, 1)).toEqual({
      x: 1440 - W - M,
      y: 25 + M,
      width: W,
      height: ringWindowHeight(1),
    });
  });

  it('works with displays at negative coordinates', () => {
    expect(ringWindowBounds(displays, { x: -10, y: -150 }, 2)).toEqual({
      x: -W - M,
      y: -200 + M,
      width: W,
      height: ringWindowHeight(2),
    });
    expect(ringWindowBounds(displays, { x: 5, y: -1 }, 1)).toMatchObject({ x: 1920 - W - M, y: -1080 + M });
  });

  it('picks the nearest display when the cursor is in a gap between them', () => {
    // Below the left monitor (under its bottom edge), nearer to it than to the laptop.
    expect(nearestDisplay(displays, { x: -900, y: 900 }).id).toBe(2);
    // Right of the laptop, beyond every screen.
    expect(nearestDisplay(displays, { x: 1500, y: 500 }).id).toBe(1);
    // On the laptop's menu bar (outside its work area) is on the laptop; a pixel up is above.
    expect(nearestDisplay(displays, { x: 0, y: 10 }).id).toBe(1);
    expect(nearestDisplay(displays, { x: 0, y: -1 }).id).toBe(3);
    // The window goes into the laptop's work area, below the menu bar.
    expect(ringWindowBounds(displays, { x: 0, y: 10 }, 1).y).toBe(25 + M);
  });

  it('stays inside a work area too small for it, shrinking the margins first', () => {
    const tiny = only({ x: 100, y: 50, width: 410, height: 150 });
    const b = ringWindowBounds([tiny], { x: 200, y: 100 }, 3);
    expect(b).toEqual({ x: 100 + 410 - W - 5, y: 50, width: W, height: 150 });
    const narrow = only({ x: -300, y: 0, width: 320, height: 2000 });
    const n = ringWindowBounds([narrow], { x: -100, y: 10 }, 1);
    expect(n).toEqual({ x: -300, y: M, width: 320, height: ringWindowHeight(1) });
    for (const r of [b, n]) {
      const area = (r === b ? tiny : narrow).workArea;
      expect(r.x).toBeGreaterThanOrEqual(area.x);
      expect(r.y).toBeGreaterThanOrEqual(area.y);
      expect(r.x + r.width).toBeLessThanOrEqual(area.x + area.width);
      expect(r.y + r.height).toBeLessThanOrEqual(area.y + area.height);
    }
  });

  it('caps the height at the work area with many rings (the page scrolls)', () => {
    const b = ringWindowBounds([laptop], { x: 1, y: 30 }, 8);
    expect(ringWindowHeight(8)).toBeGreaterThan(875);
    expect(b.height).toBe(875);
    expect(b.y).toBe(25);
  });

  it('takes the height the page measured, rounded up and capped at the work area', () => {
    expect(ringWindowBounds([laptop], { x: 1, y: 30 }, 1, 260.2).height).toBe(261);
    // A page that measured less than the estimate (one short card) gets what it measured.
    expect(ringWindowBounds([laptop], { x: 1, y: 30 }, 2, 150).height).toBe(150);
    expect(ringWindowBounds([laptop], { x: 1, y: 30 }, 1, 5000).height).toBe(875);
    // No measurement yet: the estimate from the number of rings.
    expect(ringWindowBounds([laptop], { x: 1, y: 30 }, 2, undefined).height).toBe(ringWindowHeight(2));
  });
});
