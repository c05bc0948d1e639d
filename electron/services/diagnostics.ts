// The About & diagnostics report for IT support. It is built only from values that are not secret
// (no token, password or key is ever an input), and every URL in it is reduced to what support
// needs: credentials, query and fragment are dropped, since a feed URL may carry an access key.
import type {
  AppInfo,
  AuthState,
  Diagnostics,
  PolicyKeyReport,
  PolicyValue,
  UpdateState,
} from '../contract.js';
import type { PolicyLayers, ResolvedKeys } from './policy-resolve.js';
import { POLICY_KEY_NAMES } from './policy-schema.js';

export interface DiagnosticsInput {
  app: AppInfo;
  installKind: string;
  layers: PolicyLayers;
  keys: ResolvedKeys;
  auth: AuthState;
  update: UpdateState;
  livekitUrl: string | null;
  now: Date;
}

export function buildDiagnostics(input: DiagnosticsInput): Diagnostics {
  const keys: PolicyKeyReport[] = POLICY_KEY_NAMES.map((name) => {
    const { value, source, origin } = input.keys[name];
    return { key: name, value: safeValue(value as PolicyValue), source, origin };
  });
  const report: Diagnostics = {
    app: { ...input.app, installKind: input.installKind },
    policy: { keys, origins: input.layers.origins, errors: input.layers.errors },
    credentialStore: input.auth.credentialStore,
    update: input.update,
    servers: { appServer: safeUrl(input.auth.serverUrl || null), livekit: safeUrl(input.livekitUrl) },
    signedInAs: input.auth.user?.username ?? null,
    generatedAt: input.now.toISOString(),
  };
  if (input.auth.warning) report.credentialWarning = input.auth.warning;
  return report;
}

/** Scheme, host, port and path only. */
export function safeUrl(value: string | null): string | null {
  if (value === null || !URL.canParse(value)) return value;
  const url = new URL(value);
  return `${url.protocol}//${url.host}${url.pathname === '/' ? '' : url.pathname}`;
}

function safeValue(value: PolicyValue): PolicyValue {
  return typeof value === 'string' && /^[a-z]+:\/\//i.test(value) ? safeUrl(value) : value;
}
