// Every update decision as a pure function, so the rules are tested without electron-updater:
// whether to look for updates at all, whether a release found is for this machine yet (staged
// rollout, deferral, minimum version), and when a downloaded update may be installed (never while
// a meeting or a recording is going on). adapters/updater.ts and update-controller.ts carry them out.
import { lt, valid } from 'semver';
import type { UpdatePolicy } from '../contract.js';

/** How this copy was installed. MSI, deb and rpm are IT's (or a package manager's) to update. */
export type InstallKind = 'nsis' | 'msi' | 'dmg' | 'appimage' | 'deb' | 'rpm' | 'unpackaged';
export const IT_MANAGED: readonly InstallKind[] = ['msi', 'deb', 'rpm'];

export interface UpdatePolicyInput extends UpdatePolicy {
  /** Whether IT enforced `autoUpdate` (only an enforced `true` lets a managed install update). */
  enabledEnforced: boolean;
  deferralDays: number;
  minimumVersion: string | null;
}

export type UpdatePlan =
  | { action: 'skip'; reason: string }
  | {
      action: 'check';
      channel: UpdatePolicy['channel'];
      allowPrerelease: boolean;
      /** IT's own update server; absent means the URL built into the installer. */
      feedUrl?: string;
    };

export function updatePlan(
  updates: UpdatePolicyInput,
  install: InstallKind,
  policyError?: string,
): UpdatePlan {
  if (install === 'unpackaged') return { action: 'skip', reason: 'not an installed build' };
  // An unreadable policy may have been meant to turn updates off; do not guess.
  if (policyError) return { action: 'skip', reason: 'the policy has errors' };
  if (!updates.enabled) return { action: 'skip', reason: 'turned off by policy' };
  // A second, self-updating copy next to an MSI is what electron-builder#8073 reports.
  if (IT_MANAGED.includes(install) && !updates.enabledEnforced)
    return {
      action: 'skip',
      reason: `an ${install} install is updated by IT unless the policy enforces autoUpdate`,
    };
  return {
    action: 'check',
    channel: updates.channel,
    allowPrerelease: updates.channel === 'beta',
    ...(updates.url ? { feedUrl: updates.url } : {}),
  };
}

/** What the feed says about its newest release (electron-updater's UpdateInfo, the part we use). */
export interface ReleaseInfo {
  version: string;
  releaseDate?: string;
  /** From the feed's latest.yml: the share of machines (0-100) that should take it now. */
  stagingPercentage?: number;
}

export interface RolloutContext {
  currentVersion: string;
  deferralDays: number;
  minimumVersion: string | null;
  /** This machine's stable place in [0, 1) among all machines (from a random id kept on disk). */
  stagingBucket: number;
  now: number;
}

export type RolloutDecision =
  { take: true; required: boolean; reason: string } | { take: false; reason: string; retryAt?: number };

const DAY = 24 * 60 * 60 * 1000;

/** Whether this machine takes the release now. A version below IT's minimum always does. */
export function rolloutDecision(release: ReleaseInfo, ctx: RolloutContext): RolloutDecision {
  if (ctx.minimumVersion && valid(ctx.currentVersion) && lt(ctx.currentVersion, ctx.minimumVersion))
    return { take: true, required: true, reason: `below the minimum version ${ctx.minimumVersion}` };
  const percentage = release.stagingPercentage;
  if (percentage !== undefined && Number.isFinite(percentage) && ctx.stagingBucket * 100 >= percentage)
    return { take: false, reason: `staged rollout at ${percentage} % has not reached this machine` };
  if (ctx.deferralDays > 0) {
    const published = release.releaseDate ? Date.parse(release.releaseDate) : Number.NaN;
    // Without a date the deferral cannot be counted; wait for IT rather than install early.
    if (Number.isNaN(published)) return { take: false, reason: 'deferral set but the release has no date' };
    const due = published + ctx.deferralDays * DAY;
    if (ctx.now < due)
      return { take: false, reason: `deferred ${ctx.deferralDays} days by policy`, retryAt: due };
  }
  return { take: true, required: false, reason: 'eligible' };
}

export interface InstallContext {
  inMeeting: boolean;
  recording: boolean;
  /** Seconds since the last keyboard/mouse input on this machine. */
  idleSeconds: number;
  /** The user pressed "restart now". */
  userAsked: boolean;
}

export type InstallDecision = 'install-now' | 'wait';

/** Seconds without input after which a downloaded update installs by itself. */
export const IDLE_INSTALL_SECONDS = 30 * 60;

/** Never in a meeting or a recording; then when the user asks, or when the machine is idle. */
export function installDecision(ctx: InstallContext): InstallDecision {
  if (ctx.inMeeting || ctx.recording) return 'wait';
  if (ctx.userAsked || ctx.idleSeconds >= IDLE_INSTALL_SECONDS) return 'install-now';
  return 'wait';
}

/** A stable bucket in [0, 1) from a UUID, as electron-updater derives it (last 4 bytes). */
export function stagingBucket(uuid: string): number {
  const hex = uuid.replace(/-/g, '');
  if (!/^[0-9a-f]{32}$/i.test(hex)) return 0;
  return Number.parseInt(hex.slice(24), 16) / 0x1_0000_0000;
}
