// Draws the scene into a 1280×720 canvas 30 times a second: cameras cropped to fill their
// cell, a screen share whole, an initial when there is none, and the name (and a recording dot) on every tile.
// Each track plays into a <video> of its own that is never in the page, so LiveKit's adaptive
// stream keeps sizing tracks by what the user sees, not by the recording.
import { gridRects, stageRects, type Rect } from './frame-layout.js';
import type { Scene, SceneTile } from './scene.js';

export const WIDTH = 1280;
export const HEIGHT = 720;
export const FPS = 30;

export class Compositor {
  readonly canvas: HTMLCanvasElement;
  readonly #ctx: CanvasRenderingContext2D;
  readonly #videos = new Map<string, HTMLVideoElement>();
  #timer: ReturnType<typeof setInterval> | undefined;

  constructor(private readonly scene: () => Scene) {
    this.canvas = document.createElement('canvas');
    this.canvas.width = WIDTH;
    this.canvas.height = HEIGHT;
    const ctx = this.canvas.getContext('2d', { alpha: false });
    if (!ctx) throw new Error('This browser cannot draw the recording (no 2D canvas).');
    this.#ctx = ctx;
  }

  start(): void {
    this.draw();
    // A timer, not requestAnimationFrame: the recording goes on when the window is hidden.
    this.#timer = setInterval(() => this.draw(), 1000 / FPS);
  }

  stop(): void {
    clearInterval(this.#timer);
    for (const video of this.#videos.values()) video.srcObject = null;
    this.#videos.clear();
  }

  draw(): void {
    const ctx = this.#ctx;
    const { stage, tiles } = this.scene();
    ctx.fillStyle = '#0f1115';
    ctx.fillRect(0, 0, WIDTH, HEIGHT);
    const used = new Set<string>();
    if (stage) {
      const { stage: rect, strip } = stageRects(tiles.length, WIDTH, HEIGHT);
      this.#tile(stage, rect, used);
      strip.forEach((r, i) => tiles[i] && this.#tile(tiles[i], r, used));
    } else {
      gridRects(tiles.length, WIDTH, HEIGHT).forEach((r, i) => tiles[i] && this.#tile(tiles[i], r, used));
    }
    for (const [id, video] of this.#videos) {
      if (used.has(id)) continue;
      video.srcObject = null;
      this.#videos.delete(id);
    }
  }

  #tile(tile: SceneTile, r: Rect, used: Set<string>): void {
    const ctx = this.#ctx;
    ctx.fillStyle = '#1b1f27';
    ctx.fillRect(r.x, r.y, r.w, r.h);
    const video = tile.track && this.#video(tile.track);
    if (tile.track) used.add(tile.track.id);
    if (video && video.videoWidth > 0) {
      ctx.save();
      ctx.beginPath();
      ctx.rect(r.x, r.y, r.w, r.h);
      ctx.clip();
      // A screen share is shown whole (letterboxed); a camera fills its cell.
      const fit = tile.screen ? Math.min : Math.max;
      const scale = fit(r.w / video.videoWidth, r.h / video.videoHeight);
      const w = video.videoWidth * scale;
      const h = video.videoHeight * scale;
      ctx.drawImage(video, r.x + (r.w - w) / 2, r.y + (r.h - h) / 2, w, h);
      ctx.restore();
    } else {
      ctx.fillStyle = '#3a4150';
      ctx.font = `600 ${Math.round(Math.min(r.w, r.h) / 4)}px system-ui, sans-serif`;
      ctx.textAlign = 'center';
      ctx.textBaseline = 'middle';
      ctx.fillText(initials(tile.name), r.x + r.w / 2, r.y + r.h / 2);
    }
    this.#label(tile, r);
  }

  #label(tile: SceneTile, r: Rect): void {
    const ctx = this.#ctx;
    const size = r.h > 200 ? 18 : 13;
    ctx.font = `500 ${size}px system-ui, sans-serif`;
    ctx.textAlign = 'left';
    ctx.textBaseline = 'middle';
    const dot = tile.recording ? size : 0;
    const text = tile.name;
    const w = Math.min(ctx.measureText(text).width + 16 + dot, r.w - 12);
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
    ctx.fillText(text, x + 8 + dot, y + h / 2, w - 16 - dot);
  }

  #video(track: MediaStreamTrack): HTMLVideoElement {
    let video = this.#videos.get(track.id);
    if (!video) {
      video = document.createElement('video');
      video.muted = true;
      video.playsInline = true;
      video.srcObject = new MediaStream([track]);
      void video.play().catch(() => undefined);
      this.#videos.set(track.id, video);
    }
    return video;
  }
}

function initials(name: string): string {
  return name
    .split(/\s+/)
    .map((part) => part[0] ?? '')
    .join('')
    .slice(0, 2)
    .toUpperCase();
}
