// Types for the electron-builder afterPack hook (after-pack.mjs), for the tests that import it.
import type { FuseConfig } from '@electron/fuses';

export interface PackContextLike {
  appOutDir: string;
  electronPlatformName: string;
  arch: number;
  packager: { appInfo: { productFilename: string }; executableName?: string };
}
export function fuseConfig(platform: string, arch: string): FuseConfig;
export function electronBinaryPath(context: PackContextLike): string;
export default function afterPack(context: PackContextLike): Promise<void>;
