// The Content-Security-Policy of the web client: scripts only from this server, media and
// signalling only to this server and its LiveKit server, nothing embeddable elsewhere.

export function contentSecurityPolicy(livekitUrl: string): string {
  const ws = new URL(livekitUrl);
  const origins = [
    `${ws.protocol}//${ws.host}`,
    `${ws.protocol === 'wss:' ? 'https:' : 'http:'}//${ws.host}`,
  ];
  return [
    "default-src 'self'",
    "script-src 'self'",
    // Svelte sets element styles for layout (grid columns); no style sheets from elsewhere.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "media-src 'self' blob: mediastream:",
    `connect-src 'self' ${origins.join(' ')}`,
    "font-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}
