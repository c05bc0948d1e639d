// Paints one frame of the recording onto any 2D context (a page canvas or a worker's
// OffscreenCanvas): cameras cropped to fill their cell, a screen share whole, an initial when
// there is no picture, and the name (and a recording dot) on every tile.
import { HEIGHT, WIDTH } from './encoding.js';
import { gridRects, stageRects, type Rect } from './frame-layout.js';

export interface PaintTile {
  key: string;
  name: string;
  /** A screen share is drawn whole; a camera is cropped to fill its cell. */
  screen: boolean;
  recording: boolean;
}

export interface Picture {
  source: CanvasImageSource;
  width: number;
  height: number;
}

type Context2D = CanvasRenderingContext2D | OffscreenCanvasRenderingContext2D;

/** Paints the stage and strip, or the grid; returns the tiles that were painted. */
export function paintScene<T extends PaintTile>(
  ctx: Context2D,
  scene: { stage: T | undefined; tiles: T[] },
  pictureOf: (tile: T) => Picture | undefined,
): T[] {
  ctx.fillStyle = '#0f1115';
  ctx.fillRect(0, 0, WIDTH, HEIGHT);
  const painted: T[] = [];
  const paint = (tile: T | undefined, r: Rect) => {
    if (!tile) return;
    paintTile(ctx, tile, r, pictureOf(tile));
    painted.push(tile);
  };
  if (scene.stage) {
    const { stage, strip } = stageRects(scene.tiles.length, WIDTH, HEIGHT);
    paint(scene.stage, stage);
    strip.forEach((r, i) => paint(scene.tiles[i], r));
  } else {
    gridRects(scene.tiles.length, WIDTH, HEIGHT).forEach((r, i) => paint(scene.tiles[i], r));
  }
  return painted;
}

function paintTile(ctx: Context2D, tile: PaintTile, r: Rect, picture: Picture | undefined): void {
  ctx.fillStyle = '#1b1f27';
  ctx.fillRect(r.x, r.y, r.w, r.h);
  if (picture && picture.width > 0 && picture.height > 0) {
    ctx.save();
    ctx.beginPath();
    ctx.rect(r.x, r.y, r.w, r.h);
    ctx.clip();
    const fit = tile.screen ? Math.min : Math.max;
    const scale = fit(r.w / picture.width, r.h / picture.height);
    const w = picture.width * scale;
    const h = picture.height * scale;
    ctx.drawImage(picture.source, r.x + (r.w - w) / 2, r.y + (r.h - h) / 2, w, h);
    ctx.restore();
  } else {
    ctx.fillStyle = '#3a4150';
    ctx.font = `600 ${Math.round(Math.min(r.w, r.h) / 4)}px system-ui, sans-serif`;
    ctx.textAlign = 'center';
    ctx.textBaseline = 'middle';
    ctx.fillText(initials(tile.name), r.x + r.w / 2, r.y + r.h / 2);
  }
  paintLabel(ctx, tile, r);
}

function paintLabel(ctx: Context2D, tile: PaintTile, r: Rect): void {
  const size = r.h > 200 ? 18 : 13;
  ctx.font = `500 ${size}px system-ui, sans-serif`;
  ctx.textAlign = 'left';
  ctx.textBaseline = 'middle';
  const dot = tile.recording ? size : 0;
  const w = Math.min(ctx.measureText(tile.name).width + 16 + dot, r.w - 12);
  const h = size + 10;
  const x = r.x + 6;
  const y = r.y + r.h - h - 6;
  ctx.fillStyle = 'rgba(0, 0, 0, 0.6)';
  ctx.fillRect(x, y, w, h);
  if (tile.recording) {
    ctx.fillStyle = '#e5484d';
    ctx.beginPath();
    ctx.arc(x + 8 + size / 3, y + h / 2, size / 3, 0, Math.PI * 2);
    ctx.fill();
  }
  ctx.fillStyle = '#fff';
  ctx.fillText(tile.name, x + 8 + dot, y + h / 2, w - 16 - dot);
}

function initials(name: string): string {
  return name
    .split(/\s+/)
    .map((part) => part[0] ?? '')
    .join('')
    .slice(0, 2)
    .toUpperCase();
}
