// From what the OS tools hold to the value of each key: validation against the schema, merging
// the places read (machine-wide before per-user), and the precedence
// enforced > user setting > policy default > built-in.
import {
  BUILT_IN,
  POLICY_KEY_NAMES,
  POLICY_KEYS,
  RECOMMENDED,
  type PolicyKey,
  type PolicyValues,
} from './policy-schema.js';

/** What one reader found in one place, before validation. */
export interface RawPolicy {
  /** Where it came from, for IT support: a file path or a registry key. */
  origin: string;
  enforced: Record<string, unknown>;
  recommended: Record<string, unknown>;
}

export interface PolicyLayer {
  values: Partial<PolicyValues>;
  origin: Partial<Record<PolicyKey, string>>;
}

export interface PolicyLayers {
  enforced: PolicyLayer;
  recommended: PolicyLayer;
  /** Every place that held a policy, highest priority first. */
  origins: string[];
  /** One sentence per rejected key or unreadable place; the rest of the policy still applies. */
  errors: string[];
}

export type KeySource = 'enforced' | 'user' | 'policy-default' | 'built-in';

export interface ResolvedKey<K extends PolicyKey = PolicyKey> {
  key: K;
  value: PolicyValues[K];
  source: KeySource;
  /** The file or registry key the value came from; null for user and built-in values. */
  origin: string | null;
}
export type ResolvedKeys = { [K in PolicyKey]: ResolvedKey<K> };

const isKey = (name: string): name is PolicyKey => Object.hasOwn(POLICY_KEYS, name);

/** Splits a JSON/plist object into its enforced part and its `Recommended` part. */
export function splitRecommended(origin: string, object: Record<string, unknown>): RawPolicy {
  const { [RECOMMENDED]: recommended, ...enforced } = object;
  const isObject = typeof recommended === 'object' && recommended !== null && !Array.isArray(recommended);
  if (recommended !== undefined && !isObject) enforced[RECOMMENDED] = recommended;
  return { origin, enforced, recommended: isObject ? (recommended as Record<string, unknown>) : {} };
}

/** Validates each place and merges them; the first place that sets a key wins. */
export function mergePolicies(places: RawPolicy[], readErrors: string[] = []): PolicyLayers {
  const layers: PolicyLayers = {
    enforced: { values: {}, origin: {} },
    recommended: { values: {}, origin: {} },
    origins: [],
    errors: [...readErrors],
  };
  for (const place of places) {
    layers.origins.push(place.origin);
    addLayer(layers.enforced, place.enforced, place.origin, false, layers.errors);
    addLayer(layers.recommended, place.recommended, place.origin, true, layers.errors);
  }
  return layers;
}

function addLayer(
  layer: PolicyLayer,
  entries: Record<string, unknown>,
  origin: string,
  recommended: boolean,
  errors: string[],
): void {
  const where = recommended ? `${origin} (${RECOMMENDED})` : origin;
  for (const [name, raw] of Object.entries(entries)) {
    if (!isKey(name)) {
      errors.push(`${where}: unknown key "${name}" ignored.`);
      continue;
    }
    if (recommended && !POLICY_KEYS[name].recommendable) {
      errors.push(`${where}: "${name}" can only be enforced; the default was ignored.`);
      continue;
    }
    const parsed = POLICY_KEYS[name].schema.safeParse(raw);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const at = issue?.path.length ? `[${issue.path.join('.')}]` : '';
      errors.push(`${where}: "${name}"${at} ${issue?.message ?? 'is invalid'}; it was ignored.`);
      continue;
    }
    if (layer.values[name] !== undefined) continue; // a higher-priority place already set it
    (layer.values as Record<string, unknown>)[name] = parsed.data;
    layer.origin[name] = origin;
  }
}

/** The value in force for every key and where it came from. */
export function resolveKeys(layers: PolicyLayers, user: Partial<PolicyValues> = {}): ResolvedKeys {
  const out = {} as Record<PolicyKey, ResolvedKey>;
  for (const name of POLICY_KEY_NAMES) out[name] = resolveKey(layers, user, name);
  return out as ResolvedKeys;
}

function resolveKey<K extends PolicyKey>(
  layers: PolicyLayers,
  user: Partial<PolicyValues>,
  name: K,
): ResolvedKey<K> {
  const enforced = layers.enforced.values[name];
  if (enforced !== undefined)
    return { key: name, value: enforced, source: 'enforced', origin: layers.enforced.origin[name] ?? null };
  // null in a user setting means "not chosen" (the settings file keeps every key).
  const mine = POLICY_KEYS[name].userSetting ? user[name] : undefined;
  if (mine !== undefined && mine !== null) return { key: name, value: mine, source: 'user', origin: null };
  const fallback = layers.recommended.values[name];
  if (fallback !== undefined)
    return {
      key: name,
      value: fallback,
      source: 'policy-default',
      origin: layers.recommended.origin[name] ?? null,
    };
  return { key: name, value: BUILT_IN[name], source: 'built-in', origin: null };
}
