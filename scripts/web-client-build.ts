// The app server serves the web client from dist/renderer; rebuild it when the sources are
// newer than the build, so `npm start` never serves a stale UI.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from './stack/stack.js';

const RENDERER = join(REPO_ROOT, 'renderer');
export const WEB_CLIENT_INDEX = join(REPO_ROOT, 'dist', 'renderer', 'index.html');

function newestMtime(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return readdirSync(path).reduce((newest, name) => Math.max(newest, newestMtime(join(path, name))), 0);
}

export function webClientIsStale(): boolean {
  if (!existsSync(WEB_CLIENT_INDEX)) return true;
  const sources = Math.max(
    newestMtime(join(RENDERER, 'src')),
    ...['index.html', 'ring.html'].map((page) => newestMtime(join(RENDERER, page))),
  );
  return sources > statSync(WEB_CLIENT_INDEX).mtimeMs;
}

export async function buildWebClient(): Promise<void> {
  const { build } = await import('vite');
  await build({ configFile: join(RENDERER, 'vite.config.ts'), logLevel: 'warn' });
}
