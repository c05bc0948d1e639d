// How this copy was installed, from facts the Electron adapter gathers: it decides whether the app
// updates itself (IT-managed MSI, deb and rpm installs do not unless the policy says so).
import type { InstallKind } from './update-plan.js';

/** The key the MSI writes its install folder under (scripts/build/msi-project.mjs). */
export const MSI_MARKER_KEY = 'SOFTWARE\\Convene\\Install';

export interface InstallFacts {
  isPackaged: boolean;
  platform: NodeJS.Platform;
  /** Linux: `APPIMAGE` is set when running from an AppImage. */
  appImage: string | undefined;
  /** Linux: electron-builder writes resources/package-type ("deb", "rpm", …) into system packages. */
  packageType: string | null;
  /** Windows: the folder the MSI recorded (HKLM\SOFTWARE\Convene InstallDir), if any. */
  msiInstallDir: string | null;
  /** The folder of the running executable. */
  exeDir: string;
}

export function installKindFrom(facts: InstallFacts): InstallKind {
  if (!facts.isPackaged) return 'unpackaged';
  switch (facts.platform) {
    case 'darwin':
      return 'dmg';
    case 'win32':
      return facts.msiInstallDir !== null && samePath(facts.msiInstallDir, facts.exeDir) ? 'msi' : 'nsis';
    default:
      if (facts.appImage) return 'appimage';
      if (facts.packageType === 'deb' || facts.packageType === 'rpm') return facts.packageType;
      return 'appimage';
  }
}

const samePath = (a: string, b: string) =>
  a.replace(/[\\/]+$/, '').toLowerCase() === b.replace(/[\\/]+$/, '').toLowerCase();
