// Where the ring window goes: the top-right corner of the work area (the screen minus taskbar,
// dock and menu bar) of the display nearest the cursor, which is the screen the user is looking
// at. Top-right on every OS: macOS shows its notifications there too, and on Windows it keeps
// clear of the toast in the bottom-right. The window is as tall as the page's content, which the
// page reports (ring.fit: a long name or another font wraps a card onto more lines); until then
// one card's height per ring. Never taller than the work area (the page scrolls beyond). Pure,
// so it is tested without Electron.

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}
export interface Point {
  x: number;
  y: number;
}
export interface DisplayArea {
  id: number;
  /** The whole screen: which one the cursor is on. */
  bounds: Rect;
  /** The screen minus taskbar, dock and menu bar: where the window may go. */
  workArea: Rect;
}

/** The window's width, and the height of one ring card with its gap (measured in the e2e test). */
export const RING_WINDOW = { width: 400, card: 178, padding: 10, gap: 10, margin: 16 } as const;

/** The display containing the point, else the one nearest to it. */
export function nearestDisplay<D extends DisplayArea>(displays: readonly D[], point: Point): D {
  const first = displays[0];
  if (!first) throw new Error('no display');
  let best = first;
  let bestDistance = Infinity;
  for (const display of displays) {
    const d = distance(display.bounds, point);
    if (d < bestDistance) [best, bestDistance] = [display, d];
  }
  return best;
}

/** Squared distance from a point to a rectangle: 0 inside it. */
function distance(r: Rect, p: Point): number {
  const dx = p.x < r.x ? r.x - p.x : p.x >= r.x + r.width ? p.x - (r.x + r.width - 1) : 0;
  const dy = p.y < r.y ? r.y - p.y : p.y >= r.y + r.height ? p.y - (r.y + r.height - 1) : 0;
  return dx * dx + dy * dy;
}

/** The window's height for `rings` cards (at least one). */
export function ringWindowHeight(rings: number): number {
  const n = Math.max(1, Math.floor(rings));
  return RING_WINDOW.padding * 2 + n * RING_WINDOW.card + (n - 1) * RING_WINDOW.gap;
}

/** The ring window's bounds on the display nearest the cursor, inside its work area: as tall as
 *  the page says its content is (`contentHeight`), or, before it has said, as `rings` cards. */
export function ringWindowBounds(
  displays: readonly DisplayArea[],
  cursor: Point,
  rings: number,
  contentHeight?: number,
): Rect {
  const area = nearestDisplay(displays, cursor).workArea;
  const width = Math.min(RING_WINDOW.width, area.width);
  const wanted = contentHeight && contentHeight > 0 ? Math.ceil(contentHeight) : ringWindowHeight(rings);
  const height = Math.min(wanted, area.height);
  // The margin shrinks on a work area too small for it, so the window never leaves the area.
  const marginX = Math.min(RING_WINDOW.margin, Math.floor((area.width - width) / 2));
  const marginY = Math.min(RING_WINDOW.margin, Math.floor((area.height - height) / 2));
  return { x: area.x + area.width - width - marginX, y: area.y + marginY, width, height };
}
