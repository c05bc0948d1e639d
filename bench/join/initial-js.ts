// The renderer's initial JavaScript: what index.html loads before the first screen shows (its
// module script and module preloads), gzipped as a server would send it. Lazy chunks load later.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

export interface ScriptSize {
  file: string;
  bytes: number;
  gzipBytes: number;
}

export function initialScripts(distDir: string): ScriptSize[] {
  const html = readFileSync(join(distDir, 'index.html'), 'utf8');
  const sources = [
    ...html.matchAll(/<script[^>]*type="module"[^>]*src="([^"]+)"/g),
    ...html.matchAll(/<link[^>]*rel="modulepreload"[^>]*href="([^"]+)"/g),
  ].map((m) => (m[1] ?? '').replace(/^\.?\//, ''));
  return [...new Set(sources)].map((file) => {
    const content = readFileSync(join(distDir, file));
    return { file, bytes: content.byteLength, gzipBytes: gzipSync(content, { level: 9 }).byteLength };
  });
}

export function allScripts(distDir: string, files: string[]): ScriptSize[] {
  return files.map((file) => {
    const content = readFileSync(join(distDir, file));
    return { file, bytes: content.byteLength, gzipBytes: gzipSync(content, { level: 9 }).byteLength };
  });
}
