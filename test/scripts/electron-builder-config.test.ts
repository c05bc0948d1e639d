// electron-builder.yml against electron-builder's own JSON schema (app-builder-lib/scheme.json,
// validated with ajv as electron-builder does), and what IT relies on in it: every target, the
// convene:// protocol, entitlements and usage descriptions, the fuse hook (run against a STAND-IN
// Electron binary: Electron's cannot be downloaded here) and the MSI hook (run on the installed
// WiX template). Installers themselves are built by .github/workflows/release.yml.
import { FuseState, FuseV1Options, getCurrentFuseWire } from '@electron/fuses';
import { Ajv } from 'ajv';
import { spawnSync } from 'node:child_process';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse as parsePlist } from 'plist';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { createRequire } from 'node:module';
import { MSI_MARKER_KEY } from '../../electron/services/install-kind.js';
import afterPack, { fuseConfig } from '../../scripts/build/after-pack.mjs';
import { withConveneAdditions } from '../../scripts/build/msi-project.mjs';
import { REPO_ROOT } from '../../scripts/policy-templates.js';

const root = (...p: string[]) => join(REPO_ROOT, ...p);
type Config = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- YAML as read
const loadConfig = async (): Promise<Config> =>
  parseYaml(await readFile(root('electron-builder.yml'), 'utf8'));
const schemaValidator = async () => {
  const schema = JSON.parse(await readFile(root('node_modules/app-builder-lib/scheme.json'), 'utf8'));
  // The options electron-builder itself compiles its schema with (util/config/schemaValidator.js).
  return new Ajv({ allErrors: true, verbose: true, coerceTypes: true, strict: false }).compile(schema);
};
const targets = (list: Array<string | { target: string }>) =>
  list.map((t) => (typeof t === 'string' ? t : t.target));

describe('electron-builder.yml', () => {
  it("validates against electron-builder's own schema, which does reject a wrong key", async () => {
    const validate = await schemaValidator();
    const config = await loadConfig();
    expect(validate(config) ? [] : validate.errors).toEqual([]);
    expect(validate({ ...config, nsis: { ...config.nsis, perMachne: true } })).toBe(false);
  });

  it('builds NSIS and MSI, dmg and zip, AppImage, deb and rpm', async () => {
    const config = await loadConfig();
    expect(targets(config.win.target)).toEqual(['nsis', 'msi']);
    expect(targets(config.mac.target)).toEqual(['dmg', 'zip']);
    expect(targets(config.linux.target)).toEqual(['AppImage', 'deb', 'rpm']);
    expect(config.nsis).toMatchObject({ oneClick: false, perMachine: false, allowElevation: true });
    expect(config.msi).toMatchObject({ perMachine: true, runAfterFinish: false });
    expect(config.msi.upgradeCode).toMatch(/^[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}$/);
    expect(config.publish).toMatchObject({ provider: 'generic' });
  });

  it("packages the built app but not the web client's brotli and gzip copies (electron-builder's own file matcher)", async () => {
    const config = await loadConfig();
    // app-builder-lib's FileMatcher is what `npm run dist` filters the app's files with.
    const { FileMatcher } = createRequire(import.meta.url)('app-builder-lib/out/fileMatcher.js') as {
      FileMatcher: new (from: string, to: string, expand: (s: string) => string, patterns: string[]) => {
        createFilter(): (file: string, stat: { isDirectory(): boolean }) => boolean;
      };
    };
    const packaged = new FileMatcher('/app', '/out', (s) => s, config.files).createFilter();
    const file = { isDirectory: () => false };
    const included = (path: string) => packaged(`/app/${path}`, file);
    expect(included('dist/renderer/assets/index-3f2a.js')).toBe(true);
    expect(included('dist/renderer/index.html')).toBe(true);
    expect(included('dist/electron/main.js')).toBe(true);
    expect(included('dist/renderer/assets/index-3f2a.js.br')).toBe(false);
    expect(included('dist/renderer/assets/index-3f2a.js.gz')).toBe(false);
    expect(included('dist/renderer/assets/index-3f2a.js.map')).toBe(false);
  });

  it('registers convene:// on every OS, with a Linux desktop entry for it', async () => {
    const config = await loadConfig();
    expect(config.protocols).toEqual([{ name: 'Convene meeting link', schemes: ['convene'] }]);
    expect(config.linux.mimeTypes).toContain('x-scheme-handler/convene');
    expect(config.linux.desktop.entry).toMatchObject({
      Name: 'Convene',
      MimeType: 'x-scheme-handler/convene;',
    });
  });

  it('signs macOS with the hardened runtime, entitlements for camera and microphone, and usage texts', async () => {
    const config = await loadConfig();
    expect(config.mac.hardenedRuntime).toBe(true);
    const entitlements = parsePlist(await readFile(root(config.mac.entitlements), 'utf8')) as Record<
      string,
      unknown
    >;
    expect(entitlements).toMatchObject({
      'com.apple.security.cs.allow-jit': true,
      'com.apple.security.device.camera': true,
      'com.apple.security.device.audio-input': true,
    });
    for (const key of [
      'NSCameraUsageDescription',
      'NSMicrophoneUsageDescription',
      'NSAudioCaptureUsageDescription',
    ])
      expect(config.mac.extendInfo[key], key).toMatch(/^Convene .{20,}/);
  });

  it('has icons in the sizes each OS needs, from one master', async () => {
    const config = await loadConfig();
    const png = await readFile(root('resources/icon.png'));
    expect(png.readUInt32BE(16)).toBe(1024);
    expect((await readFile(root(config.mac.icon))).subarray(0, 4).toString('latin1')).toBe('icns');
    const ico = await readFile(root(config.win.icon));
    expect([ico.readUInt16LE(0), ico.readUInt16LE(2)]).toEqual([0, 1]);
    const sizes = Array.from({ length: ico.readUInt16LE(4) }, (_, i) => ico[6 + i * 16] || 256);
    expect(sizes).toEqual(expect.arrayContaining([16, 24, 32, 48, 64, 128, 256]));
    for (const size of [16, 24, 32, 48, 64, 128, 256, 512]) {
      const file = await readFile(root(config.linux.icon, `${size}x${size}.png`));
      expect(file.readUInt32BE(16), `${size}px`).toBe(size);
    }
  });

  it('sets the fuses in its afterPack hook (run against a stand-in Electron binary)', async () => {
    const config = await loadConfig();
    expect(config.afterPack).toBe('./scripts/build/after-pack.mjs');
    // A stand-in binary: the fuse sentinel, wire version 1, nine fuses all enabled ('1').
    const dir = await mkdtemp(join(tmpdir(), 'convene-fuses-'));
    const binary = join(dir, 'convene');
    const wire = Buffer.concat([
      Buffer.from('dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX'),
      Buffer.from([1, 9]),
      Buffer.from('111111111'),
    ]);
    await writeFile(binary, Buffer.concat([Buffer.alloc(64, 7), wire, Buffer.alloc(64, 7)]));
    await afterPack({
      appOutDir: dir,
      electronPlatformName: 'linux',
      arch: 1,
      packager: { appInfo: { productFilename: 'Convene' }, executableName: 'convene' },
    });
    const fuses = await getCurrentFuseWire(binary);
    expect(fuses[FuseV1Options.RunAsNode]).toBe(FuseState.DISABLE);
    expect(fuses[FuseV1Options.EnableNodeOptionsEnvironmentVariable]).toBe(FuseState.DISABLE);
    expect(fuses[FuseV1Options.EnableNodeCliInspectArguments]).toBe(FuseState.DISABLE);
    expect(fuses[FuseV1Options.EnableCookieEncryption]).toBe(FuseState.ENABLE);
    expect(fuses[FuseV1Options.EnableEmbeddedAsarIntegrityValidation]).toBe(FuseState.ENABLE);
    expect(fuses[FuseV1Options.OnlyLoadAppFromAsar]).toBe(FuseState.ENABLE);
    expect(fuseConfig('darwin', 'arm64').resetAdHocDarwinSignature).toBe(true);
  });

  it('adds SERVERURL and the install marker to the MSI project (on the installed WiX template)', async () => {
    const config = await loadConfig();
    expect(config.msiProjectCreated).toBe('./scripts/build/msi-project.mjs');
    const template = await readFile(root('node_modules/app-builder-lib/templates/msi/template.xml'), 'utf8');
    const wxs = withConveneAdditions(template);
    expect(wxs).toContain('<Property Id="SERVERURL" Secure="yes"/>');
    expect(wxs).toContain('<ComponentGroupRef Id="ConveneRegistry"/>');
    expect(wxs).toContain(`Key="${MSI_MARKER_KEY}" Name="InstallDir"`);
    expect(wxs).toContain('Key="SOFTWARE\\Policies\\Convene" Name="serverUrl"');
    if (spawnSync('xmllint', ['--version']).status === 0) {
      const result = spawnSync('xmllint', ['--noout', '-'], { input: wxs, encoding: 'utf8' });
      expect(result.stderr).toBe('');
    } else console.warn('MSI project: the xmllint check is skipped: xmllint is not installed');
    expect(() => withConveneAdditions('<Wix/>')).toThrow(/template changed/);
  });
});
