// The policy schema and the Linux reader (/etc/convene/policy.json), and the precedence
// enforced > user setting > policy default > built-in, through the same functions main.ts uses.
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_POLICY,
  effectiveServerUrl,
  jsonPolicyReader,
  loadPolicy,
  osPolicyReaders,
  withPolicyDefaults,
} from '../../electron/services/policy.js';
import { LINUX_POLICY_PATH } from '../../electron/services/policy-json.js';
import { BUILT_IN } from '../../electron/services/policy-schema.js';
import { DEFAULT_SETTINGS } from '../../electron/services/settings-store.js';
import { memoryLog } from './support/memory-log.js';

async function policyFile(content: unknown): Promise<string> {
  const path = join(await mkdtemp(join(tmpdir(), 'convene-policy-')), 'policy.json');
  await writeFile(path, typeof content === 'string' ? content : JSON.stringify(content));
  return path;
}
const load = async (content: unknown) => {
  const mem = memoryLog();
  const path = await policyFile(content);
  return { path, mem, state: await loadPolicy([jsonPolicyReader(path)], mem.log) };
};

describe('policy (Linux JSON file)', () => {
  it('is read where each OS keeps it', () => {
    expect(osPolicyReaders('linux').map((r) => r.where)).toEqual([LINUX_POLICY_PATH]);
    expect(osPolicyReaders('darwin', 'ana').map((r) => r.where)).toEqual([
      '/Library/Managed Preferences/com.convene.desktop.plist',
      '/Library/Managed Preferences/ana/com.convene.desktop.plist',
    ]);
    expect(osPolicyReaders('win32').map((r) => r.where)).toEqual([
      'HKLM\\SOFTWARE\\Policies\\Convene',
      'HKCU\\SOFTWARE\\Policies\\Convene',
    ]);
  });

  it('uses the built-in values when there is no file, without an error', async () => {
    const state = await loadPolicy([jsonPolicyReader('/nonexistent/convene/policy.json')], memoryLog().log);
    expect(state.effective).toEqual(DEFAULT_POLICY);
    expect(state.effective.error).toBeUndefined();
    const keys = state.resolve(DEFAULT_SETTINGS);
    for (const [name, key] of Object.entries(keys)) {
      expect(key).toEqual({
        key: name,
        value: BUILT_IN[name as keyof typeof BUILT_IN],
        source: 'built-in',
        origin: null,
      });
    }
  });

  it('reads enforced keys at the top level and defaults under Recommended', async () => {
    const { path, state } = await load({
      serverUrl: 'https://meet.corp.example',
      lockServerUrl: true,
      disableLocalRecording: true,
      allowedDeepLinkHosts: ['meet.corp.example', '*.corp.example'],
      autoUpdate: false,
      updateFeedUrl: 'https://updates.corp.example/convene',
      Recommended: { updateChannel: 'beta', recordingFolder: '/srv/rec', hardwareAcceleration: false },
    });
    expect(state.effective).toEqual({
      serverUrl: 'https://meet.corp.example',
      lockServerUrl: true,
      disableLocalRecording: true,
      allowedDeepLinkHosts: ['meet.corp.example', '*.corp.example'],
      updates: { enabled: false, channel: 'beta', url: 'https://updates.corp.example/convene' },
      source: path,
    });
    const keys = state.resolve(DEFAULT_SETTINGS);
    expect(keys.serverUrl).toEqual({
      key: 'serverUrl',
      value: 'https://meet.corp.example',
      source: 'enforced',
      origin: path,
    });
    expect(keys.updateChannel).toMatchObject({ value: 'beta', source: 'policy-default', origin: path });
    expect(keys.recordingFolder).toMatchObject({ value: '/srv/rec', source: 'policy-default' });
    expect(keys.updateDeferralDays).toMatchObject({ value: 0, source: 'built-in' });
  });

  it('reports each bad key and still applies the good ones', async () => {
    const { path, mem, state } = await load({
      serverUrl: 'https://a.example',
      lockServerURL: true,
      autoUpdate: 'no',
      updateFeedUrl: 'http://plain.example',
      minimumVersion: 'one',
      allowedDeepLinkHosts: ['ok.example', 'not a host'],
      Recommended: { disableLocalRecording: true },
    });
    const error = state.effective.error ?? '';
    expect(error).toContain(`${path}: unknown key "lockServerURL"`);
    expect(error).toMatch(/"autoUpdate".*ignored/);
    expect(error).toMatch(/"updateFeedUrl" must be an https URL/);
    expect(error).toMatch(/"minimumVersion" must be a version/);
    expect(error).toMatch(/"allowedDeepLinkHosts"\[1\] must be a host name/);
    expect(error).toMatch(/\(Recommended\): "disableLocalRecording" can only be enforced/);
    expect(state.effective.serverUrl).toBe('https://a.example');
    expect(state.effective.disableLocalRecording).toBe(false);
    expect(mem.lines.filter((l) => l.level === 'error')).toHaveLength(6);
  });

  it('reports a file that is not JSON, and applies nothing from it', async () => {
    const { path, state } = await load('{ not json');
    expect(state.effective.error).toContain(`${path} is not valid JSON.`);
    expect(state.effective.serverUrl).toBeNull();
  });

  it('does not lock the server URL when the policy enforces none', async () => {
    const { state } = await load({ lockServerUrl: true, Recommended: { serverUrl: 'https://x.example' } });
    expect(state.effective.lockServerUrl).toBe(false);
  });

  it('precedence: enforced > user setting > policy default > built-in', async () => {
    const mine = { ...DEFAULT_SETTINGS, serverUrl: 'https://mine.example' };
    const none = await load({});
    expect(effectiveServerUrl(none.state.effective, DEFAULT_SETTINGS)).toBeNull();
    expect(none.state.resolve(DEFAULT_SETTINGS).serverUrl.source).toBe('built-in');

    const recommended = await load({ Recommended: { serverUrl: 'https://default.example' } });
    const layers = recommended.state.layers;
    expect(
      effectiveServerUrl(recommended.state.effective, withPolicyDefaults(DEFAULT_SETTINGS, layers)),
    ).toBe('https://default.example');
    expect(recommended.state.resolve(DEFAULT_SETTINGS).serverUrl.source).toBe('policy-default');
    expect(effectiveServerUrl(recommended.state.effective, withPolicyDefaults(mine, layers))).toBe(
      'https://mine.example',
    );
    expect(recommended.state.resolve(mine).serverUrl).toMatchObject({
      value: 'https://mine.example',
      source: 'user',
    });

    const enforced = await load({
      serverUrl: 'https://corp.example',
      Recommended: { serverUrl: 'https://default.example' },
    });
    expect(
      effectiveServerUrl(enforced.state.effective, withPolicyDefaults(mine, enforced.state.layers)),
    ).toBe('https://corp.example');
    expect(enforced.state.resolve(mine).serverUrl).toMatchObject({
      value: 'https://corp.example',
      source: 'enforced',
    });
  });
});
