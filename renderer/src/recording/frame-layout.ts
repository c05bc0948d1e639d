// Where tiles go in the recording's 1280×720 frame. No DOM here, so it is tested under Node.
export interface Rect {
  x: number;
  y: number;
  w: number;
  h: number;
}

const GAP = 8;

/** Grid cells for n tiles in a w×h frame: 16:9 cells, as large as fit, the block centred. */
export function gridRects(n: number, w: number, h: number): Rect[] {
  if (n === 0) return [];
  const cols = Math.ceil(Math.sqrt(n));
  const rows = Math.ceil(n / cols);
  const fitW = (w - GAP * (cols + 1)) / cols;
  const fitH = (h - GAP * (rows + 1)) / rows;
  const cw = Math.min(fitW, (fitH * 16) / 9);
  const ch = (cw * 9) / 16;
  const left = (w - (cols * cw + (cols - 1) * GAP)) / 2;
  const top = (h - (rows * ch + (rows - 1) * GAP)) / 2;
  return Array.from({ length: n }, (_, i) => ({
    x: left + (i % cols) * (cw + GAP),
    y: top + Math.floor(i / cols) * (ch + GAP),
    w: cw,
    h: ch,
  }));
}

/** A stage taking most of the frame and a strip of up to `max` small tiles on the right. */
export function stageRects(n: number, w: number, h: number, max = 4): { stage: Rect; strip: Rect[] } {
  const stripW = n > 0 ? Math.round(w * 0.2) : 0;
  const stage = { x: GAP, y: GAP, w: w - stripW - GAP * (n > 0 ? 3 : 2), h: h - GAP * 2 };
  const shown = Math.min(n, max);
  const th = Math.min((h - GAP * (max + 1)) / max, (stripW * 9) / 16);
  const strip = Array.from({ length: shown }, (_, i) => ({
    x: w - stripW - GAP,
    y: GAP + i * (th + GAP),
    w: stripW,
    h: th,
  }));
  return { stage, strip };
}
