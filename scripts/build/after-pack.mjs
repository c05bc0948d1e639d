// electron-builder afterPack hook: sets the Electron fuses of the packaged app with
// @electron/fuses. afterPack runs right before electron-builder signs the app, which is where fuses
// must be flipped (flipping changes the binary, so it has to happen before the signature).
import { join } from 'node:path';
import { flipFuses, FuseV1Options, FuseVersion } from '@electron/fuses';

/** The fuse settings, also read by test/scripts/electron-builder-config.test.ts. */
export function fuseConfig(platform, arch) {
  return {
    version: FuseVersion.V1,
    // An unsigned arm64 macOS build needs its ad-hoc signature redone after the binary changes.
    resetAdHocDarwinSignature: platform === 'darwin' && (arch === 'arm64' || arch === 'universal'),
    // Nobody can run the app as a plain Node interpreter (ELECTRON_RUN_AS_NODE).
    [FuseV1Options.RunAsNode]: false,
    [FuseV1Options.EnableCookieEncryption]: true,
    // NODE_OPTIONS and --inspect would let anyone inject code into the main process.
    [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
    [FuseV1Options.EnableNodeCliInspectArguments]: false,
    // electron-builder records the ASAR's hash; the app refuses a modified archive.
    [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true,
    [FuseV1Options.OnlyLoadAppFromAsar]: true,
    [FuseV1Options.GrantFileProtocolExtraPrivileges]: false,
  };
}

/** The Electron binary inside the packaged app, as electron-builder names it per platform. */
export function electronBinaryPath(context) {
  const { appOutDir, electronPlatformName, packager } = context;
  switch (electronPlatformName) {
    case 'darwin':
    case 'mas':
      return join(appOutDir, `${packager.appInfo.productFilename}.app`);
    case 'win32':
      return join(appOutDir, `${packager.appInfo.productFilename}.exe`);
    default:
      return join(appOutDir, packager.executableName);
  }
}

const ARCH_NAMES = ['ia32', 'x64', 'armv7l', 'arm64', 'universal'];

export default async function afterPack(context) {
  const arch = ARCH_NAMES[context.arch] ?? String(context.arch);
  await flipFuses(electronBinaryPath(context), fuseConfig(context.electronPlatformName, arch));
}
