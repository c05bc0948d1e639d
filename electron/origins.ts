// Which pages are the app's own. The built renderer is served from app://convene/ (a privileged
// standard scheme, see adapters/app-protocol.ts), so it has a real origin and a CSP header;
// in development the Vite dev server's origin is trusted too. Nothing else is.
export const APP_SCHEME = 'app';
export const APP_HOST = 'convene';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;

export interface TrustedOrigins {
  /** The Vite dev server's origin in development, else undefined. */
  devServerOrigin?: string;
}

/** Whether a frame (or permission request) at `url` is the app's own page. */
export function isTrustedUrl(url: string | undefined, trusted: TrustedOrigins): boolean {
  if (!url) return false;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  // Compared by parts: for a non-special scheme, WHATWG URL's `origin` is the opaque "null".
  if (parsed.protocol === `${APP_SCHEME}:`) {
    return parsed.host === APP_HOST && !parsed.username && !parsed.password && !parsed.port;
  }
  return trusted.devServerOrigin !== undefined && parsed.origin === trusted.devServerOrigin;
}
