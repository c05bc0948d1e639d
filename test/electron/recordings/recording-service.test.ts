// The main-process recording service under plain Node, on real files checked by ffprobe: a
// fragmented MP4 (made by ffmpeg, fed box by box as the renderer's muxer sends it) is written,
// finished, indexed, noticed when moved away, deleted; a crash mid-write is repaired at the
// next start. The renderer's own encoding is covered by test/e2e/recording.spec.ts.
import { spawn } from 'node:child_process';
import { mkdtemp, open, readFile, rename, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { scanFragmentedMp4 } from '../../../electron/services/recordings/mp4-boxes.js';
import { RecordingService } from '../../../electron/services/recordings/recording-service.js';
import { decodeFrameAt, makeFragmentedMp4, probe } from '../../support/media-probe.js';
import { memoryLog } from '../support/memory-log.js';
import { topLevelBoxes } from './boxes.js';

let source: Buffer;
let sourcePath: string;
beforeAll(async () => {
  sourcePath = join(await mkdtemp(join(tmpdir(), 'convene-src-')), 'source.mp4');
  await makeFragmentedMp4(sourcePath, 6);
  source = await readFile(sourcePath);
});

async function newService(dir?: string, opts: { disabled?: boolean } = {}) {
  const root = dir ?? (await mkdtemp(join(tmpdir(), 'convene-rec-')));
  const log = memoryLog();
  const service = new RecordingService({
    indexPath: join(root, 'data', 'recordings.json'),
    folder: () => join(root, 'Videos'),
    disabled: opts.disabled ?? false,
    log: log.log,
  });
  await service.init();
  return { service, root, log };
}

async function feed(service: RecordingService, id: string, upTo = source.length): Promise<void> {
  for (const box of topLevelBoxes(source)) {
    if (box.offset >= upTo) break;
    await service.append(id, box.offset, source.subarray(box.offset, box.offset + box.size));
  }
}

describe('scanFragmentedMp4', () => {
  it('ends a playable file after the last mdat, never after a moof without one', async () => {
    const boxes = topLevelBoxes(source);
    const dir = await mkdtemp(join(tmpdir(), 'convene-scan-'));
    const scanPrefix = async (length: number) => {
      const path = join(dir, `${length}.mp4`);
      await writeFile(path, source.subarray(0, length));
      const handle = await open(path, 'r');
      try {
        return await scanFragmentedMp4(handle, length);
      } finally {
        await handle.close();
      }
    };
    expect(await scanPrefix(source.length)).toEqual({ playableLength: source.length, finished: true });
    const moofs = boxes.filter((b) => b.type === 'moof');
    const third = moofs[2]!;
    expect(await scanPrefix(third.offset + third.size)).toEqual({
      playableLength: third.offset,
      finished: false,
    });
    expect(await scanPrefix(third.offset + third.size + 100)).toEqual({
      playableLength: third.offset,
      finished: false,
    });
    expect((await scanPrefix(boxes[1]!.offset + 10)).playableLength).toBe(0);
  });
});

describe('RecordingService', () => {
  it('writes a recording, completes it with its duration, and keeps the chat beside it', async () => {
    const { service, root } = await newService();
    const entry = await service.start({ roomId: 'room-1', roomTitle: 'Design: review/1' });
    expect(entry.path.startsWith(join(root, 'Videos'))).toBe(true);
    expect(entry.path).toMatch(/Convene - Design_ review_1 - .*\.mp4$/);
    await feed(service, entry.id);
    const done = await service.finish(entry.id, [{ at: '10:00:01', from: 'Alice', text: 'Hello\nthere' }]);
    expect(done.state).toBe('complete');
    expect(done.durationSeconds).toBeCloseTo(6, 0);
    expect(done.sizeBytes).toBe(source.length);
    expect(await readFile(done.path)).toEqual(source);
    expect(await readFile(done.chatPath ?? '', 'utf8')).toContain('Alice: Hello\n    there');
    const probed = await probe(done.path);
    expect(probed.streams.map((s) => s.codec_type).sort()).toEqual(['audio', 'video']);
    await decodeFrameAt(done.path, 3);
    // A later launch reads the same index.
    const again = await newService(root);
    expect(await again.service.list()).toEqual([done]);
  });

  it('marks a file moved away as missing, and complete again when it is back; deletes', async () => {
    const { service } = await newService();
    const entry = await service.start({ roomId: 'r', roomTitle: 'Standup' });
    await feed(service, entry.id);
    await service.finish(entry.id);
    await rename(entry.path, `${entry.path}.moved`);
    expect((await service.list())[0]?.state).toBe('missing');
    await rename(`${entry.path}.moved`, entry.path);
    expect((await service.list())[0]?.state).toBe('complete');
    await service.delete(entry.id);
    await expect(stat(entry.path)).rejects.toMatchObject({ code: 'ENOENT' });
    expect(await service.list()).toEqual([]);
  });

  it('refuses to start when the policy disables local recording', async () => {
    const { service } = await newService(undefined, { disabled: true });
    await expect(service.start({ roomId: 'r', roomTitle: 'T' })).rejects.toMatchObject({
      code: 'RECORDING_DISABLED',
    });
  });

  it('refuses chunks for a recording that is not running', async () => {
    const { service } = await newService();
    await expect(
      service.append('2b0f6a4e-1c1a-4c59-a1f8-4f1e7cc1b7a9', 0, new Uint8Array(4)),
    ).rejects.toMatchObject({
      code: 'NOT_RECORDING',
    });
  });

  it('keeps a corrupt index aside and starts empty, leaving recordings alone', async () => {
    const root = await mkdtemp(join(tmpdir(), 'convene-rec-'));
    const first = await newService(root);
    await first.service.start({ roomId: 'r', roomTitle: 'T' });
    await writeFile(join(root, 'data', 'recordings.json'), '{"version": 1, "recordings": [{"id"');
    const second = await newService(root);
    expect(second.service.warning).toMatch(/could not be read; it was kept as .*corrupt-/);
    expect(await second.service.list()).toEqual([]);
  });

  it('repairs a recording whose writer was killed with SIGKILL mid-write, at the next start', async () => {
    const root = await mkdtemp(join(tmpdir(), 'convene-rec-'));
    const indexPath = join(root, 'data', 'recordings.json');
    const child = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        join(import.meta.dirname, 'recording-child.ts'),
        indexPath,
        join(root, 'Videos'),
        sourcePath,
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let written = 0;
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (d: Buffer) => {
        for (const line of d.toString().trim().split('\n')) {
          const [type, end] = line.split(' ');
          if (type === 'mdat') written = Number(end);
          if (type === 'torn') resolve();
        }
      });
      child.on('exit', (code) => reject(new Error(`child exited (${code}) before the crash: ${stderr}`)));
    });
    child.kill('SIGKILL');
    await new Promise((resolve) => child.once('exit', resolve));

    const { service } = await newService(root);
    const [notice] = service.takeNotices();
    expect(notice?.message).toMatch(/^Recovered recording of Design review, \d+ s$/);
    const [entry] = await service.list();
    expect(entry?.state).toBe('recovered');
    // Every complete fragment is kept; the torn tail and the fragment without its end are gone.
    expect(entry?.sizeBytes).toBe(written);
    expect((await stat(entry?.path ?? '')).size).toBe(written);
    const probed = await probe(entry?.path ?? '');
    expect(probed.durationSeconds).toBeGreaterThan(5);
    expect(Math.abs(probed.durationSeconds - (entry?.durationSeconds ?? 0))).toBeLessThan(0.5);
    await decodeFrameAt(entry?.path ?? '', 3);
    expect(service.takeNotices()).toEqual([]);
    // The crash sent no end of the recording to the app server: it is handed over once.
    expect(service.takeUnreported()).toEqual([entry]);
    expect(service.takeUnreported()).toEqual([]);
  });
});
