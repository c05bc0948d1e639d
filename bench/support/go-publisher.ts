// Builds the Go publisher (go-publisher/, a cheaper stand-in for the rtc-node bots: it sends a
// pre-encoded clip instead of encoding) and makes its clips, once each, into the cache outside git
// that scripts/livekit-binary.ts uses. The binary is keyed by a hash of the Go sources, each clip
// by a hash of its ffmpeg arguments: a change makes a new one, an unchanged tree is a file lookup.
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, readdir, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { cacheDir, findGo } from '../../scripts/livekit-binary.js';
import type { BotVideo } from './bot-video.js';

const run = promisify(execFile);
const SOURCE_DIR = join(import.meta.dirname, 'go-publisher');

/** ffmpeg's arguments for a bot video's clip: 12 s of testsrc2 (moving shapes and a counter, so
 *  frames differ) in VP8 at the video's size, rate and bitrate (160×90 at ~60 kbit/s for the
 *  big-room bots, the node bots' cap). A keyframe every 2 s gives each bot a different place to
 *  start; a new subscriber does not wait for one, the player skips to the next on PLI
 *  (go-publisher/clip.go). No alt-ref frames: each IVF frame must be one shown frame, sent one
 *  frame interval apart. */
export function clipArgs({ width, height, fps, maxBitrate }: BotVideo): string[] {
  return [
    ...['-nostdin', '-hide_banner', '-loglevel', 'error'],
    ...['-f', 'lavfi', '-i', `testsrc2=size=${width}x${height}:rate=${fps}:duration=12`],
    ...['-c:v', 'libvpx', '-deadline', 'good', '-cpu-used', '1', '-b:v', `${maxBitrate / 1000}k`],
    ...['-g', `${2 * fps}`, '-keyint_min', `${2 * fps}`],
    ...['-auto-alt-ref', '0', '-lag-in-frames', '0', '-f', 'ivf'],
  ];
}

export interface GoPublisher {
  binary: string;
  clip: string;
}

async function sourceHash(): Promise<string> {
  const hash = createHash('sha256');
  // What goes into the binary: not the tests (\`go test\` in go-publisher/).
  const built = (f: string) => /\.go$|^go\.(mod|sum)$/.test(f) && !f.endsWith('_test.go');
  const files = (await readdir(SOURCE_DIR)).filter(built).sort();
  for (const file of files) hash.update(file).update(await readFile(join(SOURCE_DIR, file)));
  return hash.digest('hex').slice(0, 12);
}

/** Writes `target` through a temporary name, so an interrupted build never looks finished. */
async function produce(target: string, make: (tmp: string) => Promise<unknown>): Promise<void> {
  if (existsSync(target)) return;
  const tmp = `${target}.${process.pid}.tmp`;
  try {
    await make(tmp);
    await rename(tmp, target);
  } finally {
    await rm(tmp, { force: true });
  }
}

/** The publisher and the clip of `video` (one layer: the clip cannot be simulcast). */
export async function ensureGoPublisher(
  video: BotVideo,
  log: (line: string) => void = console.log,
): Promise<GoPublisher> {
  const args = clipArgs(video);
  const dir = join(cacheDir(), `go-publisher-${await sourceHash()}`);
  const binary = join(dir, 'go-publisher');
  const clipHash = createHash('sha256').update(args.join(' ')).digest('hex').slice(0, 12);
  const clip = join(dir, `clip-${video.width}x${video.height}-${clipHash}.ivf`);
  await mkdir(dir, { recursive: true });
  await produce(clip, (tmp) => run('ffmpeg', [...args, tmp]));
  if (existsSync(binary)) return { binary, clip };
  const go = findGo();
  if (!go) throw new Error('The Go publisher needs Go 1.26 or newer (or set BENCH_PUBLISHER=node).');
  log(`Building the Go publisher with ${go} (a minute or two, once)...`);
  const started = Date.now();
  await produce(binary, (tmp) =>
    run(go, ['build', '-buildvcs=false', '-trimpath', '-ldflags=-s -w', '-o', tmp, '.'], {
      cwd: SOURCE_DIR,
      env: { ...process.env, CGO_ENABLED: '0' },
      maxBuffer: 64 * 1024 * 1024,
    }),
  );
  log(`Go publisher built in ${((Date.now() - started) / 1000).toFixed(0)} s: ${binary}`);
  return { binary, clip };
}
