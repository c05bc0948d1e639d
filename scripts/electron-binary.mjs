// postinstall: try once to fetch Electron's binary. Where the download host cannot be reached
// (offline or locked-down machines), say so in one sentence and let `npm ci` succeed.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

const dir = join(import.meta.dirname, '..', 'node_modules', 'electron');
if (!existsSync(join(dir, 'install.js'))) process.exit(0);
if (process.env.ELECTRON_SKIP_BINARY_DOWNLOAD) {
  console.log('Electron binary download skipped (ELECTRON_SKIP_BINARY_DOWNLOAD is set).');
  process.exit(0);
}
const result = spawnSync(process.execPath, [join(dir, 'install.js')], { stdio: 'pipe', timeout: 120_000 });
if (result.status === 0) {
  console.log('Electron binary installed.');
} else {
  console.log(
    'Electron binary could not be downloaded on this machine; the desktop app will not start here, but the app server, web client and tests will.',
  );
}
