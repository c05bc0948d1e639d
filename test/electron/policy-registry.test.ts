// Windows Group Policy. Windows cannot run here, so reg.exe is replaced by a STAND-IN: text files
// in the format `reg query <key> /s` prints (CRLF lines, 4-space columns, lists as numbered values
// in a subkey, as the ADMX <list> element writes them). The parser and the merge are the real code.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadPolicy, type PolicyReader } from '../../electron/services/policy.js';
import { readRegistryPolicy, type Hive } from '../../electron/services/policy-registry.js';
import { DEFAULT_SETTINGS } from '../../electron/services/settings-store.js';
import { memoryLog } from './support/memory-log.js';

const fixture = (name: string) => readFile(join(import.meta.dirname, 'fixtures', name), 'utf8');
/** Stand-in for reg.exe: answers with a recorded output, or null (exit code 1: key absent). */
const standInRegExe = (outputs: Partial<Record<Hive, string>>) => (hive: Hive) => async (key: string) => {
  expect(key).toBe(`${hive}\\SOFTWARE\\Policies\\Convene`);
  return outputs[hive] ?? null;
};
const readers = (outputs: Partial<Record<Hive, string>>): PolicyReader[] =>
  (['HKLM', 'HKCU'] as const).map((hive) => ({
    where: hive,
    read: () => readRegistryPolicy(hive, standInRegExe(outputs)(hive)),
  }));

describe('policy from the Windows registry (reg.exe stand-in)', () => {
  it('reads HKLM: DWORDs as booleans and numbers, lists from numbered values, Recommended as defaults', async () => {
    const raw = await readRegistryPolicy(
      'HKLM',
      standInRegExe({ HKLM: await fixture('reg-query-hklm.txt') })('HKLM'),
    );
    expect(raw).toEqual({
      origin: 'HKLM\\SOFTWARE\\Policies\\Convene',
      enforced: {
        serverUrl: 'https://meet.corp.example',
        lockServerUrl: true,
        autoUpdate: true,
        updateDeferralDays: 14,
        minimumVersion: '1.2.0',
        disableLocalRecording: false,
        allowedDeepLinkHosts: ['meet.corp.example', '*.corp.example'],
      },
      recommended: { updateChannel: 'beta', recordingFolder: 'D:\\Recordings\\Convene' },
    });
  });

  it('has no policy when neither hive has the key', async () => {
    const state = await loadPolicy(readers({}), memoryLog().log);
    expect(state.layers.origins).toEqual([]);
    expect(state.effective.error).toBeUndefined();
  });

  it('lets HKLM win over HKCU per key, keeps HKCU-only keys, and reports bad HKCU values', async () => {
    const state = await loadPolicy(
      readers({ HKLM: await fixture('reg-query-hklm.txt'), HKCU: await fixture('reg-query-hkcu.txt') }),
      memoryLog().log,
    );
    const keys = state.resolve(DEFAULT_SETTINGS);
    expect(keys.serverUrl).toMatchObject({
      value: 'https://meet.corp.example',
      origin: 'HKLM\\SOFTWARE\\Policies\\Convene',
    });
    expect(keys.hardwareAcceleration).toMatchObject({
      value: false,
      source: 'enforced',
      origin: 'HKCU\\SOFTWARE\\Policies\\Convene',
    });
    expect(keys.updateDeferralDays).toMatchObject({ value: 14, source: 'enforced' });
    expect(keys.updateChannel).toMatchObject({ value: 'beta', source: 'policy-default' });
    const error = state.effective.error ?? '';
    expect(error).toContain('HKCU\\SOFTWARE\\Policies\\Convene: "updateDeferralDays"');
    expect(error).toContain('unknown key "colour"');
    expect(error).toContain('(Recommended): "lockServerUrl" can only be enforced');
    expect(state.effective.lockServerUrl).toBe(true);
  });
});
