// Launches the desktop client for `npm start` where Electron's binary is installed: builds the
// main process and preload (start.ts has already brought the renderer build up to date) and
// points the app at the local stack through a development policy file (honoured only by
// unpackaged builds).
import { spawnSync } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { spawnManaged, type ManagedChild } from './stack/child-process.js';
import { REPO_ROOT } from './stack/stack.js';

export async function launchDesktop(
  electron: string,
  appUrl: string,
  verbose: boolean,
): Promise<ManagedChild> {
  const build = spawnSync('npm', ['run', '--silent', 'build:main'], { cwd: REPO_ROOT, stdio: 'inherit' });
  if (build.status !== 0) throw new Error('building the desktop app failed (npm run build:main)');
  const policyPath = join(REPO_ROOT, '.convene', 'dev-policy.json');
  await mkdir(join(REPO_ROOT, '.convene'), { recursive: true });
  await writeFile(policyPath, JSON.stringify({ serverUrl: appUrl }, null, 2));
  return spawnManaged('desktop client', electron, [REPO_ROOT], {
    env: { ...process.env, CONVENE_POLICY_PATH: policyPath },
    onLine: (line) => {
      if (verbose) console.log(`[desktop] ${line}`);
    },
  });
}
