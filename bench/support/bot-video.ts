// What the video bots publish. 'small' is the big-room default: 160×90 at 15 fps, one layer, what
// a 49-tile grid shows anyway, cheap enough for 49 bots on two cores. 'simulcast' is a camera as
// the web client publishes one: 960×540 with rtc-node's default simulcast layers, for which the
// Rust SDK adds 640×360 and 320×180 below a source of 960 px or more (compute_video_encodings),
// so adaptive stream has smaller layers to switch to. 'camera' is the layer of a webcam's 720p30
// simulcast that LiveKit forwards first to the join benchmark's joiner (320×180 at 30 fps: the
// lowest, in most joins), for the Go publisher. Kept apart from video-bots.ts, which starts bots as soon as it is
// imported.
export type BotVideoName = 'small' | 'simulcast' | 'camera';

export interface BotVideo {
  width: number;
  height: number;
  fps: number;
  /** Of the full-size layer; the lower layers get the SDK's presets (160 and 450 kbit/s). */
  maxBitrate: number;
  simulcast: boolean;
  /** How far the texture scrolls a frame (px): 0 keeps it still, only the bar moves. */
  textureStep: number;
}

export const BOT_VIDEOS: Record<BotVideoName, BotVideo> = {
  small: { width: 160, height: 90, fps: 15, maxBitrate: 60_000, simulcast: false, textureStep: 0 },
  simulcast: { width: 960, height: 540, fps: 15, maxBitrate: 800_000, simulcast: true, textureStep: 2 },
  camera: { width: 320, height: 180, fps: 30, maxBitrate: 160_000, simulcast: false, textureStep: 2 },
};

export function isBotVideoName(value: string | undefined): value is BotVideoName {
  return value === 'small' || value === 'simulcast' || value === 'camera';
}
