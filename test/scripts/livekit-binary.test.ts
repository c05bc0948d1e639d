import { mkdtemp, mkdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { cachedBinaryPath, findLivekitServer, LIVEKIT_VERSION } from '../../scripts/livekit-binary.js';

const saved = { ...process.env };
afterEach(() => {
  process.env = { ...saved };
});

describe('findLivekitServer', () => {
  it('prefers LIVEKIT_SERVER_BIN and rejects a path that does not exist', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'lk-'));
    const bin = join(dir, 'my-livekit');
    await writeFile(bin, '');
    process.env.LIVEKIT_SERVER_BIN = bin;
    expect(findLivekitServer()).toBe(bin);
    process.env.LIVEKIT_SERVER_BIN = join(dir, 'missing');
    expect(() => findLivekitServer()).toThrow(/LIVEKIT_SERVER_BIN points to .*missing, which does not exist/);
  });

  it('falls back to the versioned cache outside git when PATH has none', async () => {
    delete process.env.LIVEKIT_SERVER_BIN;
    process.env.PATH = '/nonexistent';
    process.env.CONVENE_CACHE_DIR = await mkdtemp(join(tmpdir(), 'lk-cache-'));
    expect(findLivekitServer()).toBeUndefined();
    const cached = cachedBinaryPath();
    expect(cached).toContain(`livekit-server-v${LIVEKIT_VERSION}`);
    await mkdir(join(cached, '..'), { recursive: true });
    await writeFile(cached, '');
    expect(findLivekitServer()).toBe(cached);
  });
});
