// What auto-update should do under the policy: a pure decision, so the rules are tested
// without electron-updater; adapters/updater.ts carries it out.
import type { UpdatePolicy } from '../contract.js';

export type UpdatePlan =
  | { action: 'skip'; reason: string }
  | {
      action: 'check';
      channel: UpdatePolicy['channel'];
      allowPrerelease: boolean;
      /** IT's own update server; absent means the URL built into the installer. */
      feedUrl?: string;
    };

export function updatePlan(updates: UpdatePolicy, isPackaged: boolean, policyError?: string): UpdatePlan {
  if (!isPackaged) return { action: 'skip', reason: 'not an installed build' };
  // An unreadable policy may have been meant to turn updates off; do not guess.
  if (policyError) return { action: 'skip', reason: 'the policy file is invalid' };
  if (!updates.enabled) return { action: 'skip', reason: 'turned off by policy' };
  return {
    action: 'check',
    channel: updates.channel,
    allowPrerelease: updates.channel === 'beta',
    ...(updates.url ? { feedUrl: updates.url } : {}),
  };
}
