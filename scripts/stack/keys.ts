// LiveKit API keys for a stack. Tests get fresh random ones; the dev stack keeps its pair in
// .convene/ (ignored by git) so that restarts keep working tokens.
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';

export interface ApiKeyPair {
  apiKey: string;
  apiSecret: string;
}

export function randomKeyPair(): ApiKeyPair {
  return {
    apiKey: `API${randomBytes(9).toString('base64url')}`,
    // LiveKit refuses secrets shorter than 32 characters outside --dev.
    apiSecret: randomBytes(36).toString('base64url'),
  };
}

export async function persistentKeyPair(file: string): Promise<ApiKeyPair> {
  if (existsSync(file)) {
    const saved = JSON.parse(await readFile(file, 'utf8')) as Partial<ApiKeyPair>;
    if (
      typeof saved.apiKey === 'string' &&
      typeof saved.apiSecret === 'string' &&
      saved.apiSecret.length >= 32
    ) {
      return { apiKey: saved.apiKey, apiSecret: saved.apiSecret };
    }
  }
  const pair = randomKeyPair();
  await mkdir(dirname(file), { recursive: true, mode: 0o700 });
  await writeFile(file, JSON.stringify(pair, null, 2), { mode: 0o600 });
  return pair;
}
