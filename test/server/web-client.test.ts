// The web-client plugin against a real Fastify instance and a small build directory on disk.
import Fastify, { type FastifyInstance } from 'fastify';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import type { ResolvedConfig } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compressAssets } from '../../renderer/build/compress-assets.js';
import { webClientPlugin } from '../../server/src/web-client/plugin.js';

/** A script big enough to be worth compressing. */
const BIG_SCRIPT = Array.from({ length: 200 }, (_, i) => `export const value${i} = ${i};`).join('\n');

/** Runs the build plugin's hooks on a directory, as Vite does at the end of a build. */
async function compressBuild(root: string): Promise<void> {
  const plugin = compressAssets();
  const configResolved = plugin.configResolved as (config: ResolvedConfig) => void;
  configResolved({ root, build: { outDir: '.', assetsDir: 'assets' } } as ResolvedConfig);
  await (plugin.closeBundle as () => Promise<void>)();
}

let root: string;
let app: FastifyInstance;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'convene-web-client-'));
  await mkdir(join(root, 'assets'));
  await writeFile(
    join(root, 'index.html'),
    '<!doctype html><html><head><script type="module" src="./assets/app-1.js"></script></head><body></body></html>',
  );
  await writeFile(join(root, 'assets', 'app-1.js'), 'console.log("hi")');
  await writeFile(join(root, 'assets', 'big-2.js'), BIG_SCRIPT);
  await compressBuild(root);
  app = Fastify();
  await app.register(webClientPlugin, { root, livekitUrl: 'ws://127.0.0.1:7880' });
});
afterAll(async () => {
  await app.close();
  await rm(root, { recursive: true, force: true });
});

describe('web client plugin', () => {
  it('serves index.html with a root <base> and a strict CSP at / and /join/<invite>', async () => {
    const longInvite = `${'e'.repeat(300)}.${'x'.repeat(120)}`;
    for (const url of ['/', '/join/abc.def-ghi', `/join/${longInvite}`]) {
      const res = await app.inject({ url });
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toMatch(/text\/html/);
      expect(res.body).toContain('<base href="/" />');
      const csp = String(res.headers['content-security-policy']);
      expect(csp).toContain("script-src 'self'");
      expect(csp).toContain("connect-src 'self' ws://127.0.0.1:7880 http://127.0.0.1:7880");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(res.headers['referrer-policy']).toBe('no-referrer');
    }
  });

  it('serves hashed assets with long caching', async () => {
    const res = await app.inject({ url: '/assets/app-1.js' });
    expect(res.statusCode).toBe(200);
    expect(res.body).toBe('console.log("hi")');
    expect(String(res.headers['cache-control'])).toContain('immutable');
  });

  it("sends the build's brotli or gzip copy by Accept-Encoding, and the file itself otherwise", async () => {
    const br = await app.inject({
      url: '/assets/big-2.js',
      headers: { 'accept-encoding': 'gzip, deflate, br' },
    });
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers['content-type']).toMatch(/javascript/);
    expect(String(br.headers.vary)).toContain('accept-encoding');
    expect(String(br.headers['cache-control'])).toMatch(
      /max-age=31536000.*immutable|immutable.*max-age=31536000/,
    );
    expect(brotliDecompressSync(br.rawPayload).toString()).toBe(BIG_SCRIPT);
    expect(br.rawPayload.byteLength).toBeLessThan(BIG_SCRIPT.length / 3);

    const gz = await app.inject({ url: '/assets/big-2.js', headers: { 'accept-encoding': 'gzip' } });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gz.rawPayload).toString()).toBe(BIG_SCRIPT);

    const plain = await app.inject({ url: '/assets/big-2.js', headers: { 'accept-encoding': 'identity' } });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body).toBe(BIG_SCRIPT);
    expect(String(plain.headers.vary)).toContain('accept-encoding');
  });

  it('leaves files too small to gain from compression as they are', async () => {
    const res = await app.inject({ url: '/assets/app-1.js', headers: { 'accept-encoding': 'br, gzip' } });
    expect(res.headers['content-encoding']).toBeUndefined();
    expect(res.body).toBe('console.log("hi")');
  });

  it('does not answer paths outside the client (the API keeps its 404s)', async () => {
    expect((await app.inject({ url: '/assets/../index.html' })).statusCode).not.toBe(500);
    expect((await app.inject({ url: '/rooms' })).statusCode).toBe(404);
    expect((await app.inject({ url: '/join/a/b' })).statusCode).toBe(404);
  });

  it('registers nothing when the client is not built', async () => {
    const bare = Fastify({ logger: false });
    await bare.register(webClientPlugin, {
      root: join(root, 'missing'),
      livekitUrl: 'wss://lk.example.test',
    });
    expect((await bare.inject({ url: '/' })).statusCode).toBe(404);
    await bare.close();
  });
});
