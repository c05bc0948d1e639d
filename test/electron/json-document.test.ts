// The JSON document the settings, the meeting log and the recording index are kept in: saves
// land in the order they were made even when started together; a file that fails its schema is
// moved aside with the reason, and the next load starts from nothing.
import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { JsonDocument } from '../../electron/services/json-document.js';

const Counter = z.object({ version: z.literal(1), count: z.number().int() });
const folder = () => mkdtemp(join(tmpdir(), 'convene-doc-'));

describe('JsonDocument', () => {
  it('lands saves started together in order, each with the value of its turn', async () => {
    const path = join(await folder(), 'counter.json');
    const doc = new JsonDocument(path, Counter);
    let count = 0;
    await Promise.all(Array.from({ length: 20 }, () => doc.save(() => ({ version: 1, count: ++count }))));
    expect(JSON.parse(await readFile(path, 'utf8'))).toEqual({ version: 1, count: 20 });
    expect(await doc.load()).toEqual({ status: 'ok', value: { version: 1, count: 20 } });
    // No temporary file is left beside it.
    expect(await readdir(join(path, '..'))).toEqual(['counter.json']);
  });

  it('answers missing for no file, and sets aside one that fails the schema', async () => {
    const dir = await folder();
    const path = join(dir, 'counter.json');
    const doc = new JsonDocument(path, Counter);
    expect(await doc.load()).toEqual({ status: 'missing' });
    await writeFile(path, '{"version": 1, "count": "many"}');
    const loaded = await doc.load();
    expect(loaded).toMatchObject({ status: 'set-aside', reason: expect.stringMatching(/^count: /) });
    const backup = loaded.status === 'set-aside' ? loaded.backup : '';
    expect(await readFile(backup, 'utf8')).toBe('{"version": 1, "count": "many"}');
    expect(await doc.load()).toEqual({ status: 'missing' });
  });

  it('keeps the old file when a save cannot be written, and the next save still runs', async () => {
    const path = join(await folder(), 'counter.json');
    const doc = new JsonDocument(path, Counter);
    await doc.save(() => ({ version: 1, count: 1 }));
    const failing = doc.save(() => {
      throw new Error('no value');
    });
    await expect(failing).rejects.toThrow('no value');
    expect(await doc.load()).toEqual({ status: 'ok', value: { version: 1, count: 1 } });
    await doc.save(() => ({ version: 1, count: 2 }));
    expect(await doc.load()).toEqual({ status: 'ok', value: { version: 1, count: 2 } });
  });
});
