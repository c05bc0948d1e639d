// A process holding many LiveKit participants (@livekit/rtc-node) that publish small synthetic
// camera video: 160×90 at 15 fps, one layer (no simulcast), what a 49-tile grid shows anyway.
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

export const BOT_VIDEO = { width: 160, height: 90, fps: 15, maxBitrate: 60_000 } as const;

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
const { width, height, fps } = BOT_VIDEO;
const frame = new Uint8Array((width * height * 3) / 2);
let tick = 0;

/** A picture that changes every frame (a sweeping bar), tinted per bot, so the encoder works as
 *  it would for a face and each tile is told apart. */
function paint(hue: number): VideoFrame {
  const lumaSize = width * height;
  const bar = (tick * 4) % width;
  for (let y = 0; y < height; y += 1) {
    const row = y * width;
    for (let x = 0; x < width; x += 1) frame[row + x] = Math.abs(x - bar) < 8 ? 235 : 60 + ((x + y) & 63);
  }
  frame.fill(hue, lumaSize, lumaSize + lumaSize / 4);
  frame.fill(255 - hue, lumaSize + lumaSize / 4);
  return new VideoFrame(frame, width, height, VideoBufferType.I420);
}

setInterval(() => {
  tick += 1;
  for (const bot of bots.values()) bot.source?.captureFrame(paint(bot.hue));
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
    await room.connect(url, token, { autoSubscribe: false, dynacast: false });
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
      simulcast: false,
      videoEncoding: { maxBitrate: BigInt(BOT_VIDEO.maxBitrate), maxFramerate: fps },
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
