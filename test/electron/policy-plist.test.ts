// macOS managed preferences, parsed with the `plist` (XML) and `bplist-parser` (binary) libraries.
// macOS writes /Library/Managed Preferences as binary plists; the binary file here is made with
// `bplist-creator`, an independent writer, and the XML one is a checked-in file as an MDM leaves it.
import bplistCreator from 'bplist-creator';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadPolicy, type PolicyReader } from '../../electron/services/policy.js';
import { readPlistPolicy } from '../../electron/services/policy-plist.js';
import { DEFAULT_SETTINGS } from '../../electron/services/settings-store.js';
import { memoryLog } from './support/memory-log.js';

const XML_PLIST = join(import.meta.dirname, 'fixtures', 'managed-preferences.plist');
const tempFile = async (name: string, data: Buffer | string) => {
  const path = join(await mkdtemp(join(tmpdir(), 'convene-plist-')), name);
  await writeFile(path, data);
  return path;
};
const reader = (path: string): PolicyReader => ({ where: path, read: () => readPlistPolicy(path) });

describe('policy from macOS managed preferences', () => {
  it('reads a binary plist: enforced keys, Recommended defaults, profile bookkeeping ignored', async () => {
    const path = await tempFile(
      'com.convene.desktop.plist',
      bplistCreator({
        PayloadUUID: '6C1D7F2E-0000-4000-8000-000000000001',
        serverUrl: 'https://meet.corp.example',
        lockServerUrl: true,
        allowedDeepLinkHosts: ['meet.corp.example'],
        updateDeferralDays: 3,
        Recommended: { hardwareAcceleration: false, updateChannel: 'beta' },
      }),
    );
    expect(await readPlistPolicy(path)).toEqual({
      origin: path,
      enforced: {
        serverUrl: 'https://meet.corp.example',
        lockServerUrl: true,
        allowedDeepLinkHosts: ['meet.corp.example'],
        updateDeferralDays: 3,
      },
      recommended: { hardwareAcceleration: false, updateChannel: 'beta' },
    });
  });

  it('reads an XML plist, and the machine-wide file wins over the user one', async () => {
    const user = await tempFile(
      'user.plist',
      bplistCreator({ serverUrl: 'https://user.example', disableTelemetry: true }),
    );
    const state = await loadPolicy([reader(XML_PLIST), reader(user)], memoryLog().log);
    const keys = state.resolve(DEFAULT_SETTINGS);
    expect(keys.serverUrl).toMatchObject({
      value: 'https://meet.corp.example',
      source: 'enforced',
      origin: XML_PLIST,
    });
    expect(keys.disableLocalRecording).toMatchObject({ value: true, source: 'enforced' });
    expect(keys.disableTelemetry).toMatchObject({ value: true, origin: user });
    expect(keys.recordingFolder).toMatchObject({
      value: '/Users/Shared/Recordings',
      source: 'policy-default',
    });
    expect(state.effective.error).toBeUndefined();
  });

  it('reports a file that is not a property list, or holds the wrong types', async () => {
    const broken = await tempFile('broken.plist', 'bplist00 garbage');
    const wrong = await tempFile('wrong.plist', bplistCreator({ lockServerUrl: 'yes' }));
    const state = await loadPolicy([reader(broken), reader(wrong)], memoryLog().log);
    expect(state.effective.error).toContain(`${broken} is not a property list.`);
    expect(state.effective.error).toContain(`${wrong}: "lockServerUrl"`);
  });
});
