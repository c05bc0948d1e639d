// Gathers the facts services/install-kind.ts decides from: AppImage variable, the package-type
// file electron-builder puts in Linux packages, the install folder the MSI records in the registry.
import { app } from 'electron';
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { installKindFrom, MSI_MARKER_KEY as MSI_MARKER } from '../services/install-kind.js';
import { fullKeyName, parseRegQuery, runRegQuery } from '../services/policy-registry.js';
import type { InstallKind } from '../services/update-plan.js';

export async function detectInstallKind(): Promise<InstallKind> {
  return installKindFrom({
    isPackaged: app.isPackaged,
    platform: process.platform,
    appImage: process.env.APPIMAGE,
    packageType:
      process.platform === 'linux' && app.isPackaged
        ? await readFile(join(process.resourcesPath, 'package-type'), 'utf8').then(
            (text) => text.trim(),
            () => null,
          )
        : null,
    msiInstallDir: process.platform === 'win32' && app.isPackaged ? await msiInstallDir() : null,
    exeDir: dirname(app.getPath('exe')),
  });
}

async function msiInstallDir(): Promise<string | null> {
  const output = await runRegQuery(`HKLM\\${MSI_MARKER}`).catch(() => null);
  if (output === null) return null;
  return parseRegQuery(output, fullKeyName('HKLM', MSI_MARKER)).get('')?.get('InstallDir')?.data ?? null;
}
