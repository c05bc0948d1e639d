// About & diagnostics against a real app server and the real keychain: after a real sign-in and
// join, the report names the version, the policy in force with each key's source, the credential
// store, the update state and the servers, and neither it nor its clipboard text holds a secret.
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { diagnosticsText } from '../../common/diagnostics-text.js';
import { startTestStack, type Stack } from '../support/stack.js';
import { startHarness } from './support/desktop-harness.js';

const useKeychain = process.env.CONVENE_KEYRING === 'ready';

describe('app.diagnostics', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startTestStack({ CONVENE_SEED_DEMO: '1' });
  }, 120_000);
  afterAll(async () => stack?.stop());

  it('reports what IT support needs and never a token or secret', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'convene-diag-'));
    const policyPath = join(dir, 'policy.json');
    await writeFile(
      policyPath,
      JSON.stringify({
        serverUrl: stack.appUrl,
        // A feed URL with an access key in its query: the report must drop it.
        updateFeedUrl: 'https://updates.corp.example/convene?key=feed-secret-123',
        Recommended: { updateChannel: 'beta' },
      }),
    );
    const h = await startHarness({ policyPath, ...(useKeychain ? {} : { keytar: undefined }) });
    const { handlers, credentials } = h.services;
    await handlers['auth.signIn']({ serverUrl: stack.appUrl, username: 'alice', password: 'convene-demo' });
    const room = await h.services.api('rooms.create', { body: { title: 'Diagnostics' } });
    const joined = await h.services.api('rooms.join', { params: { id: room.id } });
    expect(joined.status).toBe('admitted');

    const report = await handlers['app.diagnostics'](undefined);
    expect(report.app).toMatchObject({ version: '0.0.0-test', installKind: 'unpackaged' });
    expect(report.signedInAs).toBe('alice');
    expect(report.servers.appServer).toBe(stack.appUrl);
    expect(report.servers.livekit).toBe(joined.status === 'admitted' ? joined.url : null);
    expect(report.credentialStore).toBe(h.services.auth.status().credentialStore);
    expect(report.update).toEqual({ status: 'off', reason: 'not an installed build' });
    expect(report.policy.origins).toEqual([policyPath]);
    const key = (name: string) => report.policy.keys.find((k) => k.key === name);
    expect(key('serverUrl')).toEqual({
      key: 'serverUrl',
      value: stack.appUrl,
      source: 'enforced',
      origin: policyPath,
    });
    expect(key('updateChannel')).toMatchObject({ value: 'beta', source: 'policy-default' });
    expect(key('updateFeedUrl')?.value).toBe('https://updates.corp.example/convene');
    expect(key('hardwareAcceleration')).toMatchObject({ value: true, source: 'built-in' });

    const refreshToken = await credentials.get(`${stack.appUrl}|alice`);
    const { accessToken } = await h.services.auth.current();
    const everything = JSON.stringify(report) + diagnosticsText(report);
    for (const secret of [
      refreshToken,
      accessToken,
      joined.status === 'admitted' ? joined.token : null,
      'feed-secret-123',
      'convene-demo',
    ]) {
      expect(secret).toBeTruthy();
      expect(everything).not.toContain(secret);
    }
    expect(diagnosticsText(report)).toContain(`serverUrl = "${stack.appUrl}" [enforced: ${policyPath}]`);
    await handlers['auth.signOut'](undefined);
    h.services.dispose();
  }, 60_000);
});
