// The page-thread compositor, for browsers that cannot hand a track's frames to a worker
// (no MediaStreamTrackProcessor): paints the scene into a 1280×720 canvas when asked. Each track plays into a <video> of its own that is never in the page, so LiveKit's adaptive
// stream keeps sizing tracks by what the user sees, not by the recording.
import { HEIGHT, WIDTH } from './encoding.js';
import type { Scene, SceneTile } from './scene.js';
import { paintScene, type Picture } from './scene-painter.js';

export class Compositor {
  readonly canvas: HTMLCanvasElement;
  readonly #ctx: CanvasRenderingContext2D;
  readonly #videos = new Map<string, HTMLVideoElement>();

  constructor(private readonly scene: () => Scene) {
    this.canvas = document.createElement('canvas');
    this.canvas.width = WIDTH;
    this.canvas.height = HEIGHT;
    const ctx = this.canvas.getContext('2d', { alpha: false });
    if (!ctx) throw new Error('This browser cannot draw the recording (no 2D canvas).');
    this.#ctx = ctx;
  }

  stop(): void {
    for (const video of this.#videos.values()) video.srcObject = null;
    this.#videos.clear();
  }

  draw(): void {
    const painted = paintScene(this.#ctx, this.scene(), (tile) => this.#picture(tile));
    const used = new Set(painted.flatMap((tile) => (tile.track ? [tile.track.id] : [])));
    for (const [id, video] of this.#videos) {
      if (used.has(id)) continue;
      video.srcObject = null;
      this.#videos.delete(id);
    }
  }

  #picture(tile: SceneTile): Picture | undefined {
    if (!tile.track) return undefined;
    let video = this.#videos.get(tile.track.id);
    if (!video) {
      video = document.createElement('video');
      video.muted = true;
      video.playsInline = true;
      video.srcObject = new MediaStream([tile.track]);
      void video.play().catch(() => undefined);
      this.#videos.set(tile.track.id, video);
    }
    return { source: video, width: video.videoWidth, height: video.videoHeight };
  }
}
