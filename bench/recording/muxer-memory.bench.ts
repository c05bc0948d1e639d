// Does the muxer's memory stay flat with length? Mediabunny writes the same fragmented MP4 as
// the recorder (half-second fragments) from synthetic packets, 30 video frames and 50 audio
// packets a second, for BENCH_MUXER_MINUTES (30) of simulated recording as fast as it goes;
// the heap after a full GC is printed every 10 minutes of media. (The recording-cost benchmark
// saw the page's heap rise about 10 KB/s while recording; this isolates the muxer.)
// Run with `node --expose-gc`: `npm run bench` does not, so this file re-runs itself with it.
import { spawnSync } from 'node:child_process';
import {
  EncodedAudioPacketSource,
  EncodedPacket,
  EncodedVideoPacketSource,
  Mp4OutputFormat,
  Output,
  StreamTarget,
} from 'mediabunny';

const MINUTES = Number(process.env.BENCH_MUXER_MINUTES ?? 30);
const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) {
  const result = spawnSync(process.execPath, ['--expose-gc', '--import', 'tsx', import.meta.filename], {
    stdio: 'inherit',
  });
  process.exit(result.status ?? 1);
}
const heapMb = () => {
  gc?.();
  return process.memoryUsage().heapUsed / 2 ** 20;
};

const output = new Output({
  format: new Mp4OutputFormat({ fastStart: 'fragmented', minimumFragmentDuration: 0.5 }),
  target: new StreamTarget(new WritableStream({ write: () => undefined })),
});
const video = new EncodedVideoPacketSource('vp9');
const audio = new EncodedAudioPacketSource('opus');
output.addVideoTrack(video, { frameRate: 30 });
output.addAudioTrack(audio);
await output.start();
const frame = new Uint8Array(2_000);
const sound = new Uint8Array(300);
const start = heapMb();
let samples = 0;
const started = performance.now();
for (let s = 0; s < MINUTES * 60; s++) {
  for (let f = 0; f < 30; f++) {
    const meta =
      samples === 0
        ? { decoderConfig: { codec: 'vp09.00.10.08', codedWidth: 1280, codedHeight: 720 } }
        : undefined;
    await video.add(new EncodedPacket(frame, f % 15 === 0 ? 'key' : 'delta', s + f / 30, 1 / 30), meta);
    samples++;
  }
  for (let a = 0; a < 50; a++) {
    const meta =
      s === 0 && a === 0
        ? { decoderConfig: { codec: 'opus', numberOfChannels: 2, sampleRate: 48_000 } }
        : undefined;
    await audio.add(new EncodedPacket(sound, 'key', s + a / 50, 0.02), meta);
    samples++;
  }
  if ((s + 1) % 600 === 0) {
    const grown = heapMb() - start;
    console.log(
      `${(s + 1) / 60} min of media: heap +${grown.toFixed(1)} MB after GC (${samples} packets, ` +
        `${((grown * 2 ** 20) / samples).toFixed(0)} bytes each)`,
    );
  }
}
await output.finalize();
console.log(`finalized in ${((performance.now() - started) / 1000).toFixed(1)} s of wall time`);
