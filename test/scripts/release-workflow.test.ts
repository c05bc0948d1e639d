// The release workflow cannot run here (it needs GitHub's Windows and macOS runners and Electron's
// binary); this keeps its structure honest: installers on all three OSes from electron-builder.yml,
// the Electron e2e suite under xvfb on Linux and required to run, and the artifacts IT needs.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { REPO_ROOT } from '../../scripts/policy-templates.js';

interface Step {
  run?: string;
  uses?: string;
  env?: Record<string, string>;
  with?: Record<string, string>;
}
interface Job {
  'runs-on': string;
  needs?: string;
  strategy?: { matrix: { include: Array<{ os: string; platform: string }> } };
  steps: Step[];
}

const workflow = async () =>
  parse(await readFile(join(REPO_ROOT, '.github/workflows/release.yml'), 'utf8')) as {
    on: Record<string, unknown>;
    jobs: Record<string, Job>;
  };

describe('.github/workflows/release.yml', () => {
  it('builds the installers on Windows, macOS and Linux runners with electron-builder', async () => {
    const { jobs, on } = await workflow();
    expect(on).toHaveProperty('push.tags', ['v*']);
    const installers = jobs.installers!;
    expect(installers.strategy?.matrix.include).toEqual([
      { os: 'windows-latest', platform: '--win' },
      { os: 'macos-latest', platform: '--mac' },
      { os: 'ubuntu-latest', platform: '--linux' },
    ]);
    const runs = installers.steps.map((s) => s.run ?? '');
    expect(runs).toContain('npm ci');
    expect(
      runs.some((r) => r.startsWith('npx electron-builder ${{ matrix.platform }} --publish never')),
    ).toBe(true);
    const uploaded =
      installers.steps.find((s) => s.uses?.startsWith('actions/upload-artifact'))?.with?.path ?? '';
    for (const ext of ['exe', 'msi', 'dmg', 'zip', 'AppImage', 'deb', 'rpm', 'yml', 'blockmap'])
      expect(uploaded).toContain(`release/*.${ext}`);
  });

  it('runs the Electron e2e suite under xvfb on Linux, where a missing binary fails instead of skipping', async () => {
    const { jobs } = await workflow();
    const e2e = jobs['electron-e2e']!;
    expect(e2e['runs-on']).toBe('ubuntu-latest');
    const suite = e2e.steps.find((s) => s.run?.includes('test/e2e/desktop-electron.spec.ts'));
    expect(suite?.run).toMatch(/^xvfb-run .*playwright test test\/e2e\/desktop-electron\.spec\.ts$/);
    expect(suite?.env).toEqual({ CONVENE_REQUIRE_ELECTRON: '1' });
    const before = e2e.steps.slice(0, e2e.steps.indexOf(suite!)).map((s) => s.run ?? '');
    expect(before).toEqual(expect.arrayContaining(['npm ci', 'npm run livekit:provision', 'npm run build']));
    expect(jobs.installers!.needs).toBe('electron-e2e');
  });
});
