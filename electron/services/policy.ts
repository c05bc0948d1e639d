// IT's policy file: a fixed path per OS, validated with zod. Precedence is policy > user
// settings > defaults. An invalid file is reported (logged, and surfaced through policy.get and
// app.info) and the defaults apply; it is never silently ignored.
import { join } from 'node:path';
import { z } from 'zod';
import { ServerUrl, type Settings } from '../../common/settings.js';
import type { EffectivePolicy } from '../contract.js';
import { readJsonFile } from './json-file.js';
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
  let file;
  try {
    file = await readJsonFile(path, PolicyFile);
  } catch (err) {
    return rejected(path, `cannot be read (${(err as NodeJS.ErrnoException).code ?? 'error'})`, log);
  }
  if (file.status === 'missing') return DEFAULT_POLICY;
  if (file.status === 'invalid') return rejected(path, `is invalid (${file.reason})`, log);
  log.info('policy loaded', { path });
  return effectivePolicy(file.value, path);
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
