// Whether Electron's binary is installed. Electron 45 downloads it lazily; on machines that
// cannot reach the download host it never arrives, and everything that needs it says so.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from './stack/stack.js';

const ELECTRON_DIR = join(REPO_ROOT, 'node_modules', 'electron');

/** Path of the Electron executable, or undefined when the binary is not installed. */
export function electronBinary(): string | undefined {
  const pathFile = join(ELECTRON_DIR, 'path.txt');
  if (!existsSync(pathFile)) return undefined;
  const executable = join(ELECTRON_DIR, 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(executable) ? executable : undefined;
}

export const ELECTRON_MISSING =
  "Electron's binary is not installed (it could not be downloaded on this machine), so the desktop app cannot start here.";
