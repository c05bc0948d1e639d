// Linux (and development builds anywhere): one JSON file. Top-level keys are enforced, the
// `Recommended` object holds defaults the user may change.
import { readFile } from 'node:fs/promises';
import { splitRecommended, type RawPolicy } from './policy-resolve.js';

export const LINUX_POLICY_PATH = '/etc/convene/policy.json';

/** Null when there is no file; throws a sentence when the file exists but cannot be used. */
export async function readJsonPolicy(path: string): Promise<RawPolicy | null> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return null;
    throw new Error(`${path} cannot be read (${code ?? 'error'}).`, { cause: err });
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new Error(`${path} is not valid JSON.`, { cause: err });
  }
  if (json === null || typeof json !== 'object' || Array.isArray(json))
    throw new Error(`${path} is not a JSON object.`);
  return splitRecommended(path, json as Record<string, unknown>);
}
