// IT's policy, read where each OS's management tools put it (see policy-schema.ts for the keys and
// the enforced/default design). A key that fails validation is reported (logged, and surfaced in
// policy.get, app.info and the diagnostics) and ignored; the rest of the policy still applies.
import { userInfo } from 'node:os';
import type { EffectivePolicy, Settings } from '../contract.js';
import type { Logger } from './logger.js';
import { LINUX_POLICY_PATH, readJsonPolicy } from './policy-json.js';
import { managedPreferencePaths, readPlistPolicy } from './policy-plist.js';
import { readRegistryPolicy } from './policy-registry.js';
import {
  mergePolicies,
  resolveKeys,
  type PolicyLayers,
  type RawPolicy,
  type ResolvedKeys,
} from './policy-resolve.js';
import type { PolicyValues } from './policy-schema.js';

/** One place a policy may be: reads it, null when there is none, throws a sentence when unusable. */
export interface PolicyReader {
  where: string;
  read(): Promise<RawPolicy | null>;
}

export const jsonPolicyReader = (path: string): PolicyReader => ({
  where: path,
  read: () => readJsonPolicy(path),
});

/** Where each OS's management tools put the policy, highest priority (machine-wide) first. */
export function osPolicyReaders(platform: NodeJS.Platform, user = userInfo().username): PolicyReader[] {
  switch (platform) {
    case 'win32':
      return (['HKLM', 'HKCU'] as const).map((hive) => ({
        where: `${hive}\\SOFTWARE\\Policies\\Convene`,
        read: () => readRegistryPolicy(hive),
      }));
    case 'darwin':
      return managedPreferencePaths(user).map((path) => ({ where: path, read: () => readPlistPolicy(path) }));
    default:
      return [jsonPolicyReader(LINUX_POLICY_PATH)];
  }
}

export async function readPolicyLayers(readers: PolicyReader[], log: Logger): Promise<PolicyLayers> {
  const places: RawPolicy[] = [];
  const errors: string[] = [];
  for (const reader of readers) {
    try {
      const place = await reader.read();
      if (place) places.push(place);
    } catch (err) {
      errors.push(err instanceof Error ? err.message : `${reader.where} could not be read.`);
    }
  }
  const layers = mergePolicies(places, errors);
  if (layers.origins.length) log.info('policy loaded', { from: layers.origins });
  for (const error of layers.errors) log.error('policy problem', { error });
  return layers;
}

/** The policy as the contract's policy.get describes it (enforced values only). */
export function effectivePolicy(layers: PolicyLayers): EffectivePolicy {
  const keys = resolveKeys(layers);
  const enforced = layers.enforced.values;
  const policy: EffectivePolicy = {
    serverUrl: enforced.serverUrl ?? null,
    // Locking without a URL to lock to would leave the user unable to sign in anywhere.
    lockServerUrl: (enforced.lockServerUrl ?? false) && enforced.serverUrl != null,
    disableLocalRecording: keys.disableLocalRecording.value,
    allowedDeepLinkHosts: keys.allowedDeepLinkHosts.value,
    updates: {
      enabled: keys.autoUpdate.value,
      channel: keys.updateChannel.value,
      url: keys.updateFeedUrl.value,
    },
    source: layers.origins.length ? layers.origins.join(', ') : null,
  };
  if (layers.errors.length)
    policy.error = `${layers.errors.join(' ')} Tell IT; the rest of the policy applies.`;
  return policy;
}

/** The policy when IT has set nothing. */
export const DEFAULT_POLICY: EffectivePolicy = effectivePolicy(mergePolicies([]));

/** What main knows about the policy: the layers as read and the contract's view of them. */
export interface PolicyState {
  layers: PolicyLayers;
  effective: EffectivePolicy;
  /** Every key's value in force and its source, given the user's own settings. */
  resolve(settings: Settings): ResolvedKeys;
}

export async function loadPolicy(readers: PolicyReader[], log: Logger): Promise<PolicyState> {
  const layers = await readPolicyLayers(readers, log);
  return {
    layers,
    effective: effectivePolicy(layers),
    resolve: (settings) => resolveKeys(layers, userValues(settings)),
  };
}

/** The user settings that correspond to policy keys. */
function userValues(settings: Settings): Partial<PolicyValues> {
  return { serverUrl: settings.serverUrl };
}

/** The user settings with IT's defaults filled in where the user has chosen nothing. */
export function withPolicyDefaults(settings: Settings, layers: PolicyLayers): Settings {
  const fallback = layers.recommended.values.serverUrl;
  return settings.serverUrl === null && fallback ? { ...settings, serverUrl: fallback } : settings;
}

/** The server to use: enforced policy, else the user's choice (or IT's default), else none. */
export function effectiveServerUrl(policy: EffectivePolicy, settings: Settings): string | null {
  return policy.serverUrl ?? settings.serverUrl;
}
