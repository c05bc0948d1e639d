// macOS managed preferences: what a configuration profile (.mobileconfig, pushed by an MDM) for
// the domain com.convene.desktop leaves in /Library/Managed Preferences. macOS writes these files
// as binary plists; hand-made ones are often XML, so both are read.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseBuffer as parseBinaryPlist } from 'bplist-parser';
import { parse as parseXmlPlist } from 'plist';
import { PREFERENCE_DOMAIN } from './policy-schema.js';
import { splitRecommended, type RawPolicy } from './policy-resolve.js';

const MANAGED = '/Library/Managed Preferences';

/** Machine-wide first (it wins), then the user's own managed preferences. */
export function managedPreferencePaths(user: string): string[] {
  return [join(MANAGED, `${PREFERENCE_DOMAIN}.plist`), join(MANAGED, user, `${PREFERENCE_DOMAIN}.plist`)];
}

export function parsePlist(buffer: Buffer): unknown {
  if (buffer.subarray(0, 8).toString('latin1') === 'bplist00') return parseBinaryPlist(buffer)[0];
  return parseXmlPlist(buffer.toString('utf8'));
}

/** Null when the file is absent; throws a sentence when it exists but cannot be used. */
export async function readPlistPolicy(path: string): Promise<RawPolicy | null> {
  let buffer: Buffer;
  try {
    buffer = await readFile(path);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return null;
    throw new Error(`${path} cannot be read (${code ?? 'error'}).`, { cause: err });
  }
  let value: unknown;
  try {
    value = parsePlist(buffer);
  } catch (err) {
    throw new Error(`${path} is not a property list.`, { cause: err });
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value) || value instanceof Date)
    throw new Error(`${path} does not hold a dictionary.`);
  // Profile bookkeeping (PayloadUUID, …) is not policy; some MDMs leave it in the file.
  const entries = Object.entries(value).filter(([name]) => !name.startsWith('Payload'));
  return splitRecommended(path, Object.fromEntries(entries));
}
