// A process holding many LiveKit participants (@livekit/rtc-node) that publish synthetic camera
// video: by default 160×90 at 15 fps, one layer (no simulcast), what a 49-tile grid shows anyway;
// with the argument `simulcast`, 960×540 in three layers (bot-video.ts). A second argument sets
// the frame rate.
// It connects to LiveKit's non-loopback test address (host-address.ts): libwebrtc ignores
// loopback candidates.
// Driven by bot-swarm.ts over stdin/stdout, one JSON message a line.
import {
  LocalVideoTrack,
  Room,
  TrackPublishOptions,
  TrackSource,
  VideoBufferType,
  VideoFrame,
  VideoSource,
} from '@livekit/rtc-node';
import { createInterface } from 'node:readline';
import { BOT_VIDEOS, isBotVideoName } from './bot-video.js';

const videoName = process.argv[2];
const video = BOT_VIDEOS[isBotVideoName(videoName) ? videoName : 'small'];

export type BotCommand =
  | { cmd: 'join'; url: string; bots: Array<{ id: string; token: string; camera: boolean }> }
  | { cmd: 'leave'; ids: string[] }
  | { cmd: 'usage' };
export type BotReply =
  | { cmd: 'join'; joined: string[]; failed: Array<{ id: string; error: string }> }
  | { cmd: 'leave'; left: string[] }
  | { cmd: 'usage'; cpuMicros: number; wallMicros: number; bots: number }
  | { cmd: 'error'; error: string };

interface Bot {
  room: Room;
  source: VideoSource | null;
  hue: number;
}

const bots = new Map<string, Bot>();
const started = process.hrtime.bigint();
const { width, height } = video;
const fps = Number(process.argv[3]) || video.fps;
const lumaSize = width * height;
const frame = new Uint8Array((lumaSize * 3) / 2);
let tick = 0;

/** A picture that changes every frame: a sweeping bar over a texture that scrolls by
 *  `textureStep` px a frame (a camera's noise keeps an encoder busy over the whole picture; the
 *  160×90 grid bots keep it still). Painted once a frame for all bots; tint() colours it per bot. */
function paintLuma(): void {
  const bar = (tick * width) / 40;
  const shift = tick * video.textureStep;
  for (let y = 0; y < height; y += 1) {
    const row = y * width;
    for (let x = 0; x < width; x += 1) {
      frame[row + x] = Math.abs(x - (bar % width)) < width / 20 ? 235 : 60 + ((x + y + shift) & 63);
    }
  }
}

/** The shared picture tinted for one bot, so each tile is told apart. captureFrame copies it. */
function tint(hue: number): VideoFrame {
  frame.fill(hue, lumaSize, lumaSize + lumaSize / 4);
  frame.fill(255 - hue, lumaSize + lumaSize / 4);
  return new VideoFrame(frame, width, height, VideoBufferType.I420);
}

setInterval(() => {
  tick += 1;
  if (bots.size === 0) return;
  paintLuma();
  for (const bot of bots.values()) bot.source?.captureFrame(tint(bot.hue));
}, 1000 / fps);

/** rtc-node sometimes loses a room handle while connecting on a loaded machine ("handle not
 *  found"); a fresh Room usually connects on the next try. */
async function join(url: string, id: string, token: string, camera: boolean, attempt = 1): Promise<void> {
  try {
    await joinOnce(url, id, token, camera);
  } catch (err) {
    if (attempt >= 3) throw err;
    await new Promise((resolve) => setTimeout(resolve, 500 * attempt));
    await join(url, id, token, camera, attempt + 1);
  }
}

async function joinOnce(url: string, id: string, token: string, camera: boolean): Promise<void> {
  const room = new Room();
  try {
    // Dynacast with simulcast: the SFU pauses layers nobody watches, as it does for the web client.
    await room.connect(url, token, { autoSubscribe: false, dynacast: video.simulcast });
  } catch (err) {
    await room.disconnect().catch(() => undefined);
    throw err;
  }
  let source: VideoSource | null = null;
  if (camera) {
    source = new VideoSource(width, height);
    const track = LocalVideoTrack.createVideoTrack('camera', source);
    const options = new TrackPublishOptions({
      source: TrackSource.SOURCE_CAMERA,
      simulcast: video.simulcast,
      videoEncoding: { maxBitrate: BigInt(video.maxBitrate), maxFramerate: fps },
    });
    await room.localParticipant?.publishTrack(track, options);
  }
  bots.set(id, { room, source, hue: 40 + ((bots.size * 37) % 180) });
}

async function handle(command: BotCommand): Promise<BotReply> {
  switch (command.cmd) {
    case 'join': {
      const results = await Promise.allSettled(
        command.bots.map((b) => join(command.url, b.id, b.token, b.camera)),
      );
      const failed = results.flatMap((r, i) =>
        r.status === 'rejected' ? [{ id: command.bots[i]?.id ?? '?', error: String(r.reason) }] : [],
      );
      return { cmd: 'join', joined: command.bots.map((b) => b.id).filter((id) => bots.has(id)), failed };
    }
    case 'leave': {
      const leaving = command.ids.flatMap((id) => {
        const bot = bots.get(id);
        bots.delete(id);
        return bot ? [bot.room.disconnect()] : [];
      });
      await Promise.all(leaving);
      return { cmd: 'leave', left: command.ids };
    }
    case 'usage': {
      const cpu = process.cpuUsage();
      const wall = Number((process.hrtime.bigint() - started) / 1000n);
      return { cmd: 'usage', cpuMicros: cpu.user + cpu.system, wallMicros: wall, bots: bots.size };
    }
  }
}

const lines = createInterface({ input: process.stdin });
lines.on('line', (line) => {
  void handle(JSON.parse(line) as BotCommand).then(
    (reply) => process.stdout.write(JSON.stringify(reply) + '\n'),
    (err: unknown) => process.stdout.write(JSON.stringify({ cmd: 'error', error: String(err) }) + '\n'),
  );
});
lines.on('close', () => {
  void Promise.all([...bots.values()].map((b) => b.room.disconnect())).finally(() => process.exit(0));
});
