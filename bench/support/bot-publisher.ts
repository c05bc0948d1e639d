// Which program publishes the bots' video, and how fast. 'node' is video-bots.ts (rtc-node,
// encoding synthetic frames live: any size, simulcast); 'go' is go-publisher/ (LiveKit's Go SDK
// sending a pre-encoded VP8 clip of one layer, 160×90 for the big room: no encoder, so 49 bots cost a fraction of a core, and
// the measured client is not starved of CPU by its own load). The benchmarks choose with
// BENCH_PUBLISHER=go|node and BENCH_BOT_FPS; the end-to-end tests keep the node bots, which need
// no Go build.
import { BOT_VIDEOS, type BotVideoName } from './bot-video.js';
import { ensureGoPublisher } from './go-publisher.js';

export type BotPublisher = 'go' | 'node';

export function publisherFromEnv(fallback: BotPublisher): BotPublisher {
  const value = process.env.BENCH_PUBLISHER;
  if (value === undefined || value === '') return fallback;
  if (value === 'go' || value === 'node') return value;
  throw new Error(`BENCH_PUBLISHER must be go or node, not ${value}`);
}

export function fpsFromEnv(fallback: number): number {
  const value = process.env.BENCH_BOT_FPS;
  if (value === undefined || value === '') return fallback;
  const fps = Number(value);
  if (!Number.isInteger(fps) || fps < 1 || fps > 60)
    throw new Error(`BENCH_BOT_FPS must be 1–60, not ${value}`);
  return fps;
}

/** The bot process's command line. */
export async function botCommand(
  publisher: BotPublisher,
  video: BotVideoName,
  fps: number,
): Promise<{ command: string; args: string[] }> {
  switch (publisher) {
    case 'node':
      return {
        command: process.execPath,
        args: ['--import', 'tsx', 'bench/support/video-bots.ts', video, `${fps}`],
      };
    case 'go': {
      if (BOT_VIDEOS[video].simulcast)
        throw new Error(`The Go publisher sends one layer, not '${video}': use BENCH_PUBLISHER=node.`);
      const { binary, clip } = await ensureGoPublisher(BOT_VIDEOS[video]);
      return { command: binary, args: ['-clip', clip, '-fps', `${fps}`] };
    }
    default: {
      const never: never = publisher;
      throw new Error(`unknown publisher ${String(never)}`);
    }
  }
}
