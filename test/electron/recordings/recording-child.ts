// A stand-in for the desktop app's main process in the crash test: it records with the real
// RecordingService, feeding the boxes of a fragmented MP4 one at a time as the renderer's muxer
// would, and says how far it got on stdout. The test kills it with SIGKILL part-way.
import { readFile } from 'node:fs/promises';
import { createLogger } from '../../../electron/services/logger.js';
import { RecordingService } from '../../../electron/services/recordings/recording-service.js';
import { topLevelBoxes } from './boxes.js';

const [indexPath, folder, sourcePath] = process.argv.slice(2) as [string, string, string];
const service = new RecordingService({
  indexPath,
  folder: () => folder,
  disabled: false,
  log: createLogger({ write: () => undefined }, 'child'),
});
await service.init();
const source = await readFile(sourcePath);
const entry = await service.start({ roomId: 'room-1', roomTitle: 'Design review' });
for (const box of topLevelBoxes(source)) {
  if (box.type === 'mfra') break;
  await service.append(entry.id, box.offset, source.subarray(box.offset, box.offset + box.size));
  process.stdout.write(`${box.type} ${box.offset + box.size}\n`);
}
// Half of one more fragment, then wait to be killed: a crash in the middle of a write.
await service.append(entry.id, source.length, source.subarray(0, 1000));
process.stdout.write('torn\n');
setInterval(() => undefined, 1000);
