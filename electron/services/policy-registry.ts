// Windows Group Policy: the values the ADMX templates write under HKLM and HKCU
// \SOFTWARE\Policies\Convene (defaults in its `Recommended` subkey). Node has no registry API, so
// the app runs `reg.exe query <key> /s` and parses what it prints; the parser is a pure function.
import { execFile } from 'node:child_process';
import { POLICY_KEYS, RECOMMENDED, REGISTRY_PATH, type PolicyKey } from './policy-schema.js';
import type { RawPolicy } from './policy-resolve.js';

export type Hive = 'HKLM' | 'HKCU';
const HIVE_NAMES: Record<Hive, string> = { HKLM: 'HKEY_LOCAL_MACHINE', HKCU: 'HKEY_CURRENT_USER' };

interface RegValue {
  type: string;
  data: string;
}
/** Subkey path relative to the policy key ('' for itself) → value name → value. */
type RegTree = Map<string, Map<string, RegValue>>;

/** The full name reg.exe prints for a key, e.g. HKEY_LOCAL_MACHINE\\SOFTWARE\\Convene. */
export const fullKeyName = (hive: Hive, path: string) => `${HIVE_NAMES[hive]}\\${path}`;

/** Parses `reg query <key> /s` output: a key line, then indented `name    TYPE    data` lines. */
export function parseRegQuery(output: string, rootKey: string): RegTree {
  const root = rootKey.toLowerCase();
  const tree: RegTree = new Map();
  let current: Map<string, RegValue> | undefined;
  for (const line of output.split(/\r?\n/)) {
    if (!line.trim()) continue;
    if (!line.startsWith(' ')) {
      const path = line.trim();
      const relative = path.toLowerCase() === root ? '' : path.slice(root.length + 1);
      current = path.toLowerCase().startsWith(root) ? new Map() : undefined;
      if (current) tree.set(relative, current);
      continue;
    }
    const match = /^ {4}(.+?) {4}(REG_[A-Z_]+)(?: {4}(.*))?$/.exec(line);
    if (match && current) current.set(match[1]!, { type: match[2]!, data: match[3] ?? '' });
  }
  return tree;
}

/** Turns the parsed tree into enforced and recommended values, typed as the schema says. */
export function registryPolicy(tree: RegTree, hive: Hive): RawPolicy {
  const origin = `${hive}\\${REGISTRY_PATH}`;
  const read = (prefix: string): Record<string, unknown> => {
    const out: Record<string, unknown> = {};
    for (const [name, value] of tree.get(prefix) ?? []) out[name] = fromRegistry(name, value);
    for (const [path, values] of tree) {
      // A list is a subkey of numbered values (the ADMX <list> element), e.g. ...\allowedDeepLinkHosts\1.
      const name = prefix ? path.slice(prefix.length + 1) : path;
      if (!path || (prefix && !path.startsWith(`${prefix}\\`)) || name.includes('\\')) continue;
      if (!prefix && name.toLowerCase() === RECOMMENDED.toLowerCase()) continue;
      out[name] = [...values.entries()].sort(([a], [b]) => Number(a) - Number(b)).map(([, v]) => v.data);
    }
    return out;
  };
  const recommendedKey = [...tree.keys()].find((k) => k.toLowerCase() === RECOMMENDED.toLowerCase());
  return { origin, enforced: read(''), recommended: recommendedKey ? read(recommendedKey) : {} };
}

/** REG_DWORD → number or boolean (as the key's kind needs); strings stay strings. */
function fromRegistry(name: string, { type, data }: RegValue): unknown {
  const kind = Object.hasOwn(POLICY_KEYS, name) ? POLICY_KEYS[name as PolicyKey].kind : undefined;
  if (type === 'REG_DWORD' || type === 'REG_QWORD') {
    const number = Number.parseInt(data, 16);
    if (kind === 'boolean' && (number === 0 || number === 1)) return number === 1;
    return number;
  }
  if (type === 'REG_MULTI_SZ') return data ? data.split('\\0') : [];
  return data;
}

/** Runs reg.exe for one hive; null when the key does not exist (no policy there). */
export async function readRegistryPolicy(hive: Hive, run = runRegQuery): Promise<RawPolicy | null> {
  const output = await run(`${hive}\\${REGISTRY_PATH}`);
  if (output === null) return null;
  return registryPolicy(parseRegQuery(output, fullKeyName(hive, REGISTRY_PATH)), hive);
}

/** `reg query <key> /s`; null when the key does not exist. */
export function runRegQuery(key: string): Promise<string | null> {
  return new Promise((resolve, reject) => {
    execFile('reg.exe', ['query', key, '/s'], { windowsHide: true, timeout: 10_000 }, (err, stdout) => {
      // reg.exe exits 1 when the key is absent: nothing has been set there.
      if (err && (err as { code?: unknown }).code === 1) resolve(null);
      else if (err) reject(new Error(`reg query ${key} failed (${err.message}).`, { cause: err }));
      else resolve(stdout);
    });
  });
}
