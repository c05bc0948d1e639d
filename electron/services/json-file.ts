// Reading a JSON file that must have a shape: the policy, the settings, the encrypted credential
// file. One answer for every reader: missing, valid (parsed by the schema), or invalid with a
// reason a person can act on. A file that exists but cannot be read throws the fs error.
import { readFile } from 'node:fs/promises';
import type { z } from 'zod';

export type JsonFile<T> =
  { status: 'missing' } | { status: 'ok'; value: T } | { status: 'invalid'; reason: string };

export async function readJsonFile<S extends z.ZodType>(
  path: string,
  schema: S,
): Promise<JsonFile<z.output<S>>> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { status: 'missing' };
    throw err;
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { status: 'invalid', reason: 'not valid JSON' };
  }
  const parsed = schema.safeParse(json);
  if (parsed.success) return { status: 'ok', value: parsed.data };
  const issue = parsed.error.issues[0];
  return {
    status: 'invalid',
    reason: `${issue?.path.join('.') || 'top level'}: ${issue?.message ?? 'invalid'}`,
  };
}
