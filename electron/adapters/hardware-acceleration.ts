// The hardwareAcceleration policy key. Electron only lets the app turn the GPU off before it is
// ready, which is before the policy has been read (reg.exe runs asynchronously), so the decision
// is kept in a marker file in the user data folder and applies from the next start.
import { app } from 'electron';
import { existsSync } from 'node:fs';
import { rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

const marker = () => join(app.getPath('userData'), 'gpu-disabled-by-policy');

/** Call before app is ready. */
export function applyHardwareAccelerationMarker(): void {
  if (existsSync(marker())) app.disableHardwareAcceleration();
}

export async function rememberHardwareAcceleration(allowed: boolean): Promise<void> {
  if (allowed) await rm(marker(), { force: true });
  else await writeFile(marker(), 'The hardwareAcceleration policy key is false.\n');
}
