// The policy file: validation, per-OS paths, and precedence policy > user settings > defaults.
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_POLICY,
  effectiveServerUrl,
  loadPolicy,
  policyPath,
} from '../../electron/services/policy.js';
import { DEFAULT_SETTINGS } from '../../electron/services/settings-store.js';
import { memoryLog } from './support/memory-log.js';

async function policyFile(content: string): Promise<string> {
  const path = join(await mkdtemp(join(tmpdir(), 'convene-policy-')), 'policy.json');
  await writeFile(path, content);
  return path;
}

describe('policy', () => {
  it('lives at a fixed path per OS', () => {
    expect(policyPath('linux')).toBe('/etc/convene/policy.json');
    expect(policyPath('darwin')).toBe('/Library/Application Support/Convene/policy.json');
    expect(policyPath('win32', { ProgramData: 'D:\\PD' })).toMatch(/^D:\\PD[\\/]Convene[\\/]policy\.json$/);
  });

  it('uses the defaults when there is no file, without an error', async () => {
    const { log } = memoryLog();
    expect(await loadPolicy('/nonexistent/convene/policy.json', log)).toEqual(DEFAULT_POLICY);
  });

  it('reads every key and fills in the rest', async () => {
    const path = await policyFile(
      JSON.stringify({
        serverUrl: 'https://meet.corp.example',
        lockServerUrl: true,
        disableLocalRecording: true,
        recordingFolder: '/srv/recordings',
        allowedDeepLinkHosts: ['meet.corp.example', '*.corp.example'],
        updates: { enabled: false },
      }),
    );
    const policy = await loadPolicy(path, memoryLog().log);
    expect(policy).toEqual({
      serverUrl: 'https://meet.corp.example',
      lockServerUrl: true,
      disableLocalRecording: true,
      recordingFolder: '/srv/recordings',
      allowedDeepLinkHosts: ['meet.corp.example', '*.corp.example'],
      updates: { enabled: false, channel: 'latest', url: null },
      source: path,
    });
  });

  it('reports an invalid file (unknown key, wrong type, bad JSON) and falls back to defaults', async () => {
    for (const [content, expected] of [
      ['{"serverUrl": "https://a.example", "lockServerURL": true}', /lockServerURL|Unrecognized/i],
      ['{"updates": {"enabled": "no"}}', /updates\.enabled/],
      ['{"serverUrl": "ftp://x.example"}', /serverUrl/],
      ['{"serverUrl": "not a url"}', /serverUrl/],
      ['{"recordingFolder": "relative/dir"}', /recordingFolder/],
      ['{ not json', /not valid JSON/],
    ] as const) {
      const mem = memoryLog();
      const path = await policyFile(content);
      const policy = await loadPolicy(path, mem.log);
      expect(policy.error).toMatch(expected);
      expect(policy.error).toContain(path);
      expect(policy.serverUrl).toBeNull();
      expect(mem.lines.some((l) => l.level === 'error')).toBe(true);
    }
  });

  it('does not lock the server URL when the policy names none', async () => {
    const policy = await loadPolicy(await policyFile('{"lockServerUrl": true}'), memoryLog().log);
    expect(policy.lockServerUrl).toBe(false);
  });

  it('gives policy precedence over user settings, and settings over defaults', async () => {
    const settings = { ...DEFAULT_SETTINGS, serverUrl: 'https://mine.example' };
    expect(effectiveServerUrl(DEFAULT_POLICY, DEFAULT_SETTINGS)).toBeNull();
    expect(effectiveServerUrl(DEFAULT_POLICY, settings)).toBe('https://mine.example');
    const policy = await loadPolicy(
      await policyFile('{"serverUrl": "https://corp.example"}'),
      memoryLog().log,
    );
    expect(effectiveServerUrl(policy, settings)).toBe('https://corp.example');
  });
});
