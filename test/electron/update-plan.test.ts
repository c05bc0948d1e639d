// Auto-update follows the policy: off, channel, IT's own feed; never in unpackaged builds.
import { describe, expect, it } from 'vitest';
import { DEFAULT_POLICY } from '../../electron/services/policy.js';
import { updatePlan } from '../../electron/services/update-plan.js';

describe('updatePlan', () => {
  const defaults = DEFAULT_POLICY.updates;

  it('checks the built-in feed on the latest channel by default', () => {
    expect(updatePlan(defaults, true)).toEqual({
      action: 'check',
      channel: 'latest',
      allowPrerelease: false,
    });
  });

  it("uses IT's feed and the beta channel when the policy says so", () => {
    expect(
      updatePlan({ enabled: true, channel: 'beta', url: 'https://updates.corp.example/convene' }, true),
    ).toEqual({
      action: 'check',
      channel: 'beta',
      allowPrerelease: true,
      feedUrl: 'https://updates.corp.example/convene',
    });
  });

  it('skips when turned off, when not installed, or when the policy file is broken', () => {
    expect(updatePlan({ ...defaults, enabled: false }, true)).toMatchObject({
      action: 'skip',
      reason: /policy/,
    });
    expect(updatePlan(defaults, false)).toMatchObject({ action: 'skip', reason: /installed/ });
    expect(updatePlan(defaults, true, 'bad file')).toMatchObject({ action: 'skip', reason: /invalid/ });
  });
});
