// A policy that fixes the server: the sign-in form shows it locked, signing in elsewhere and
// changing the server in settings are refused; an invalid policy is surfaced in app.info.
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startHarness } from './support/desktop-harness.js';

async function withPolicy(policy: string) {
  const dir = await mkdtemp(join(tmpdir(), 'convene-lock-'));
  const policyPath = join(dir, 'policy.json');
  await writeFile(policyPath, policy);
  return startHarness({ policyPath, keytar: undefined, encryption: undefined });
}

describe('policy applied to the services', () => {
  it('locks the server URL', async () => {
    const h = await withPolicy(
      JSON.stringify({ serverUrl: 'https://meet.corp.example', lockServerUrl: true }),
    );
    const { handlers } = h.services;
    expect(await handlers['auth.status'](undefined)).toMatchObject({
      signedIn: false,
      serverUrl: 'https://meet.corp.example',
      serverUrlLocked: true,
    });
    await expect(
      handlers['auth.signIn']({ serverUrl: 'https://other.example', username: 'a', password: 'b' }),
    ).rejects.toMatchObject({ code: 'SERVER_URL_LOCKED' });
    await expect(handlers['settings.set']({ serverUrl: 'https://other.example' })).rejects.toMatchObject({
      code: 'SERVER_URL_LOCKED',
    });
    // Device settings are still the user's.
    expect((await handlers['settings.set']({ cameraId: 'cam-1' })).cameraId).toBe('cam-1');
    h.services.dispose();
  });

  it('reports an invalid policy through app.info and policy.get', async () => {
    const h = await withPolicy('{"serverUrl": 12}');
    const info = await h.services.handlers['app.info'](undefined);
    expect(info.policyError).toMatch(/serverUrl/);
    expect((await h.services.handlers['policy.get'](undefined)).error).toBe(info.policyError);
    expect(h.logs.some((line) => line.startsWith('error [main.policy]'))).toBe(true);
    h.services.dispose();
  });
});
