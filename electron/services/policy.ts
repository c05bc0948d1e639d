// IT's policy file: a fixed path per OS, validated with zod. Precedence is policy > user
// settings > defaults. An invalid file is reported (logged, and surfaced through policy.get and
// app.info) and the defaults apply; it is never silently ignored.
import { readFile } from 'node:fs/promises';
import { isAbsolute, join, win32 } from 'node:path';
import { z } from 'zod';
import { ServerUrl, type EffectivePolicy, type Settings } from '../contract.js';
import type { Logger } from './logger.js';

const Hostname = z
  .string()
  .trim()
  .toLowerCase()
  .regex(
    /^(\*\.)?[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*(:\d{1,5})?$/,
    'a host name',
  );

export const PolicyFile = z.strictObject({
  serverUrl: ServerUrl.optional(),
  lockServerUrl: z.boolean().optional(),
  disableLocalRecording: z.boolean().optional(),
  /** Where local recordings go instead of the user's Videos folder (an absolute path). */
  recordingFolder: z
    .string()
    .min(1)
    .max(1024)
    .refine((p) => isAbsolute(p) || win32.isAbsolute(p), 'recordingFolder must be an absolute path')
    .optional(),
  allowedDeepLinkHosts: z.array(Hostname).max(100).optional(),
  updates: z
    .strictObject({
      enabled: z.boolean().optional(),
      channel: z.enum(['latest', 'beta']).optional(),
      url: z.url({ protocol: /^https$/, error: 'updates.url must be an https URL' }).optional(),
    })
    .optional(),
});
export type PolicyFile = z.infer<typeof PolicyFile>;

export const DEFAULT_POLICY: EffectivePolicy = {
  serverUrl: null,
  lockServerUrl: false,
  disableLocalRecording: false,
  recordingFolder: null,
  allowedDeepLinkHosts: [],
  updates: { enabled: true, channel: 'latest', url: null },
  source: null,
};

/** Where IT puts the policy file on each OS. */
export function policyPath(platform: NodeJS.Platform, env: NodeJS.ProcessEnv = process.env): string {
  switch (platform) {
    case 'win32':
      return join(env.ProgramData ?? 'C:\\ProgramData', 'Convene', 'policy.json');
    case 'darwin':
      return '/Library/Application Support/Convene/policy.json';
    default:
      return '/etc/convene/policy.json';
  }
}

export function effectivePolicy(file: PolicyFile, source: string): EffectivePolicy {
  return {
    serverUrl: file.serverUrl ?? null,
    // Locking without a URL to lock to would leave the user unable to sign in anywhere.
    lockServerUrl: (file.lockServerUrl ?? false) && file.serverUrl !== undefined,
    disableLocalRecording: file.disableLocalRecording ?? false,
    recordingFolder: file.recordingFolder ?? null,
    allowedDeepLinkHosts: file.allowedDeepLinkHosts ?? [],
    updates: {
      enabled: file.updates?.enabled ?? DEFAULT_POLICY.updates.enabled,
      channel: file.updates?.channel ?? DEFAULT_POLICY.updates.channel,
      url: file.updates?.url ?? null,
    },
    source,
  };
}

export async function loadPolicy(path: string, log: Logger): Promise<EffectivePolicy> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return DEFAULT_POLICY;
    return rejected(path, `cannot be read (${(err as NodeJS.ErrnoException).code ?? 'error'})`, log);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return rejected(path, 'is not valid JSON', log);
  }
  const parsed = PolicyFile.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return rejected(path, `is invalid at ${issue?.path.join('.') || 'top level'}: ${issue?.message}`, log);
  }
  log.info('policy loaded', { path });
  return effectivePolicy(parsed.data, path);
}

function rejected(path: string, reason: string, log: Logger): EffectivePolicy {
  const error = `The policy file ${path} ${reason}; defaults are in force until IT fixes it.`;
  log.error('policy rejected', { path, reason });
  return { ...DEFAULT_POLICY, source: path, error };
}

/** The server to use: policy, else the user's last choice, else none. */
export function effectiveServerUrl(policy: EffectivePolicy, settings: Settings): string | null {
  return policy.serverUrl ?? settings.serverUrl;
}
