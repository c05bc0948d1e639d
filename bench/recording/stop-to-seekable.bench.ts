// Stop → seekable file on the main-process side, for a 10 s and a 10 min recording: the real
// RecordingService is fed a fragmented MP4 (made by ffmpeg, 1 s fragments) box by box as the
// renderer's muxer sends it, then `finish` closes the file and reads its duration; ffprobe then
// checks the result is whole. The renderer's part of Stop (Mediabunny writing the last fragment
// and the index) is printed by test/e2e/recording.spec.ts as "muxer … ms".
// The history view figures are in history-view.bench.ts, the CPU/heap cost in recording-cost.bench.ts.
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLogger } from '../../electron/services/logger.js';
import { RecordingService } from '../../electron/services/recordings/recording-service.js';
import { topLevelBoxes } from '../../test/electron/recordings/boxes.js';
import { makeFragmentedMp4, probe } from '../../test/support/media-probe.js';

async function run(seconds: number): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'convene-bench-rec-'));
  const sourcePath = join(dir, 'source.mp4');
  await makeFragmentedMp4(sourcePath, seconds);
  const source = await readFile(sourcePath);
  const service = new RecordingService({
    indexPath: join(dir, 'recordings.json'),
    folder: () => join(dir, 'Videos'),
    disabled: false,
    log: createLogger({ write: () => undefined }, 'bench'),
  });
  await service.init();
  const entry = await service.start({ roomId: 'bench', roomTitle: `Bench ${seconds} s` });
  const appendTimes: number[] = [];
  for (const box of topLevelBoxes(source)) {
    const started = performance.now();
    await service.append(entry.id, box.offset, source.subarray(box.offset, box.offset + box.size));
    appendTimes.push(performance.now() - started);
  }
  const stopped = performance.now();
  const done = await service.finish(entry.id);
  const finishMs = performance.now() - stopped;
  const probed = await probe(done.path);
  appendTimes.sort((a, b) => a - b);
  console.log(
    `${seconds} s recording (${(source.length / 1e6).toFixed(1)} MB): Stop → seekable ${finishMs.toFixed(1)} ms; ` +
      `append+fsync p50 ${appendTimes[Math.floor(appendTimes.length / 2)]?.toFixed(2)} ms, ` +
      `max ${appendTimes.at(-1)?.toFixed(2)} ms; ffprobe ${probed.durationSeconds} s`,
  );
}

await run(10);
await run(600);
