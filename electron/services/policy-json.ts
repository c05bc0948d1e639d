// Linux (and development builds anywhere): one JSON file. Top-level keys are enforced, the
// `Recommended` object holds defaults the user may change.
import { z } from 'zod';
import { readJsonFile } from './json-file.js';
import { splitRecommended, type RawPolicy } from './policy-resolve.js';

export const LINUX_POLICY_PATH = '/etc/convene/policy.json';

/** Any JSON object: the keys are validated one by one later (policy-schema.ts). */
const PolicyObject = z.record(z.string(), z.unknown());

/** Null when there is no file; throws a sentence when the file exists but cannot be used. */
export async function readJsonPolicy(path: string): Promise<RawPolicy | null> {
  let file;
  try {
    file = await readJsonFile(path, PolicyObject);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new Error(`${path} cannot be read (${code ?? 'error'}).`, { cause: err });
  }
  if (file.status === 'missing') return null;
  if (file.status === 'invalid') {
    throw new Error(
      `${path} is ${file.reason === 'not valid JSON' ? 'not valid JSON' : 'not a JSON object'}.`,
    );
  }
  return splitRecommended(path, file.value);
}
