// Playwright global setup: builds the web client once, before any stack starts, so every app
// server serves the renderer under test (server/src/web-client).
import { build } from 'vite';
import { join } from 'node:path';

export default async function buildRenderer(): Promise<void> {
  const started = Date.now();
  await build({
    configFile: join(import.meta.dirname, '..', '..', 'renderer', 'vite.config.ts'),
    logLevel: 'warn',
  });
  console.log(`Built the renderer for the end-to-end tests in ${Date.now() - started} ms.`);
}
