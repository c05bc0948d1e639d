// The text "copy diagnostics" puts on the clipboard, readable in a support ticket. The report it
// formats holds no token or secret (electron/services/diagnostics.ts builds it that way).
import type { Diagnostics } from '../electron/contract.js';

export function diagnosticsText(d: Diagnostics): string {
  const line = (k: string, v: unknown) => `${k}: ${typeof v === 'string' ? v : JSON.stringify(v)}`;
  return [
    `Convene diagnostics (${d.generatedAt})`,
    line(
      'version',
      `${d.app.version} (${d.app.platform}, ${d.app.installKind}, Electron ${d.app.electronVersion ?? 'none'})`,
    ),
    line('app server', d.servers.appServer ?? 'none'),
    line('LiveKit', d.servers.livekit ?? 'not joined yet'),
    line('signed in as', d.signedInAs ?? 'nobody'),
    line('credential store', d.credentialStore),
    ...(d.credentialWarning ? [line('credential warning', d.credentialWarning)] : []),
    line('update', d.update),
    `policy read from: ${d.policy.origins.join(', ') || 'nowhere (no policy)'}`,
    ...d.policy.errors.map((e) => `policy error: ${e}`),
    ...d.policy.keys.map(
      (k) => `  ${k.key} = ${JSON.stringify(k.value)} [${k.source}${k.origin ? `: ${k.origin}` : ''}]`,
    ),
  ].join('\n');
}
