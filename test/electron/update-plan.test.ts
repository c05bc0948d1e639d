// The update rules as pure decisions: whether to look at all (policy off, IT-managed installs),
// whether a release is for this machine yet (staged rollout, deferral, minimum version), and when
// a downloaded update may install (never during a meeting or a recording).
import { describe, expect, it } from 'vitest';
import {
  IDLE_INSTALL_SECONDS,
  installDecision,
  rolloutDecision,
  stagingBucket,
  updatePlan,
  type UpdatePolicyInput,
} from '../../electron/services/update-plan.js';

const defaults: UpdatePolicyInput = {
  enabled: true,
  enabledEnforced: false,
  channel: 'latest',
  url: null,
  deferralDays: 0,
  minimumVersion: null,
};
const DAY = 86_400_000;

describe('updatePlan', () => {
  it('checks the built-in feed on the latest channel by default', () => {
    expect(updatePlan(defaults, 'nsis')).toEqual({
      action: 'check',
      channel: 'latest',
      allowPrerelease: false,
    });
  });

  it("uses IT's feed and the beta channel when the policy says so", () => {
    expect(
      updatePlan({ ...defaults, channel: 'beta', url: 'https://updates.corp.example/c' }, 'dmg'),
    ).toEqual({
      action: 'check',
      channel: 'beta',
      allowPrerelease: true,
      feedUrl: 'https://updates.corp.example/c',
    });
  });

  it('skips when turned off, when not installed, or when the policy has errors', () => {
    expect(updatePlan({ ...defaults, enabled: false, enabledEnforced: true }, 'nsis')).toMatchObject({
      action: 'skip',
      reason: /policy/,
    });
    expect(updatePlan(defaults, 'unpackaged')).toMatchObject({ action: 'skip', reason: /installed/ });
    expect(updatePlan(defaults, 'appimage', 'bad key')).toMatchObject({ action: 'skip', reason: /errors/ });
  });

  it('leaves MSI, deb and rpm installs to IT unless the policy enforces autoUpdate', () => {
    for (const kind of ['msi', 'deb', 'rpm'] as const) {
      expect(updatePlan(defaults, kind)).toMatchObject({ action: 'skip', reason: new RegExp(kind) });
      expect(updatePlan({ ...defaults, enabledEnforced: true }, kind)).toMatchObject({ action: 'check' });
    }
    expect(updatePlan(defaults, 'appimage')).toMatchObject({ action: 'check' });
  });
});

describe('rolloutDecision', () => {
  const now = Date.parse('2026-12-01T12:00:00Z');
  const ctx = { currentVersion: '1.0.0', deferralDays: 0, minimumVersion: null, stagingBucket: 0.5, now };

  it('takes a release without staging or deferral', () => {
    expect(rolloutDecision({ version: '1.1.0' }, ctx)).toMatchObject({ take: true, required: false });
  });

  it('takes a staged release only on machines inside the percentage', () => {
    expect(rolloutDecision({ version: '1.1.0', stagingPercentage: 40 }, ctx)).toMatchObject({ take: false });
    expect(rolloutDecision({ version: '1.1.0', stagingPercentage: 60 }, ctx)).toMatchObject({ take: true });
    expect(
      rolloutDecision({ version: '1.1.0', stagingPercentage: 0 }, { ...ctx, stagingBucket: 0 }),
    ).toMatchObject({
      take: false,
    });
    expect(
      rolloutDecision({ version: '1.1.0', stagingPercentage: 100 }, { ...ctx, stagingBucket: 0.999 }),
    ).toMatchObject({
      take: true,
    });
  });

  it('defers a release by the policy days after its date, and waits when it has no date', () => {
    const deferred = { ...ctx, deferralDays: 7 };
    const published = new Date(now - 3 * DAY).toISOString();
    expect(rolloutDecision({ version: '1.1.0', releaseDate: published }, deferred)).toEqual({
      take: false,
      reason: 'deferred 7 days by policy',
      retryAt: now + 4 * DAY,
    });
    const old = new Date(now - 8 * DAY).toISOString();
    expect(rolloutDecision({ version: '1.1.0', releaseDate: old }, deferred)).toMatchObject({ take: true });
    expect(rolloutDecision({ version: '1.1.0' }, deferred)).toMatchObject({ take: false, reason: /no date/ });
  });

  it('below the minimum version, takes the release at once despite staging and deferral', () => {
    const strict = { ...ctx, deferralDays: 30, minimumVersion: '1.0.5', stagingBucket: 0.99 };
    expect(
      rolloutDecision(
        { version: '1.1.0', stagingPercentage: 1, releaseDate: new Date(now).toISOString() },
        strict,
      ),
    ).toEqual({
      take: true,
      required: true,
      reason: 'below the minimum version 1.0.5',
    });
    expect(
      rolloutDecision({ version: '1.1.0', stagingPercentage: 1 }, { ...strict, currentVersion: '1.0.5' }),
    ).toMatchObject({
      take: false,
    });
  });
});

describe('installDecision', () => {
  const idle = { inMeeting: false, recording: false, idleSeconds: 0, userAsked: false };

  it('never installs during a meeting or a recording, even when asked or idle', () => {
    for (const busy of [{ inMeeting: true }, { recording: true }])
      expect(
        installDecision({ ...idle, ...busy, userAsked: true, idleSeconds: 10 * IDLE_INSTALL_SECONDS }),
      ).toBe('wait');
  });

  it('installs when the user asks, or when the machine has been idle long enough', () => {
    expect(installDecision(idle)).toBe('wait');
    expect(installDecision({ ...idle, userAsked: true })).toBe('install-now');
    expect(installDecision({ ...idle, idleSeconds: IDLE_INSTALL_SECONDS - 1 })).toBe('wait');
    expect(installDecision({ ...idle, idleSeconds: IDLE_INSTALL_SECONDS })).toBe('install-now');
  });
});

describe('stagingBucket', () => {
  it('reads the last 4 bytes of the id as electron-updater does, stable per machine', () => {
    expect(stagingBucket('00000000-0000-4000-8000-000000000000')).toBe(0);
    expect(stagingBucket('00000000-0000-4000-8000-000080000000')).toBe(0.5);
    expect(stagingBucket('00000000-0000-4000-8000-0000ffffffff')).toBeLessThan(1);
  });
});
