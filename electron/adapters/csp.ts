// The renderer's Content-Security-Policy. Scripts only from the app itself; connections to any
// https/wss server because the app server and LiveKit URLs are configured at run time; and
// loopback http/ws for local stacks. Inline styles are allowed: Svelte transitions set them.
// One literal string, so security scanners (electronegativity) can parse it.
export const CONTENT_SECURITY_POLICY =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; media-src 'self' blob: mediastream:; font-src 'self' data:; connect-src 'self' https: wss: http://127.0.0.1:* ws://127.0.0.1:* http://localhost:* ws://localhost:*; worker-src 'self' blob:; object-src 'none'; base-uri 'none'; form-action 'none'; frame-src 'none'; frame-ancestors 'none'";
