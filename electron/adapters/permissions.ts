// Web permissions from a default-deny table: a few, for the app's own main frame only.
// `permissionDecision` is pure (tested without Electron); `installPermissionHandlers` wires it.
import type { Session } from 'electron';
import { isTrustedUrl, type TrustedOrigins } from '../origins.js';

/** What the app's own page may use. Everything not listed is refused. */
const ALLOWED = new Set([
  'media', // camera and microphone in meetings
  'display-capture', // screen sharing; the source is still chosen in the app's picker
  'notifications', // "someone is waiting to be admitted"
  'fullscreen', // full-screen video
  'clipboard-sanitized-write', // "copy invite link"
]);

export interface PermissionDetails {
  /** The URL of the frame asking; a permission is granted to a page, never to an origin alone. */
  requestingUrl?: string;
  isMainFrame?: boolean;
  /** For media requests: which devices; only audio and video are meaningful. */
  mediaTypes?: readonly string[];
  mediaType?: string;
}

export function permissionDecision(
  permission: string,
  details: PermissionDetails,
  trusted: TrustedOrigins,
): boolean {
  if (!ALLOWED.has(permission)) return false;
  if (details.isMainFrame === false) return false;
  if (!isTrustedUrl(details.requestingUrl, trusted)) return false;
  if (permission === 'media') {
    const types = details.mediaTypes ?? (details.mediaType ? [details.mediaType] : []);
    return types.every((type) => type === 'audio' || type === 'video');
  }
  return true;
}

export function installPermissionHandlers(session: Session, trusted: TrustedOrigins): void {
  session.setPermissionRequestHandler((_contents, permission, callback, details) => {
    callback(permissionDecision(permission, details, trusted));
  });
  session.setPermissionCheckHandler((_contents, permission, _origin, details) =>
    permissionDecision(permission, details, trusted),
  );
  // USB, HID, serial and Bluetooth devices: never.
  session.setDevicePermissionHandler(() => false);
}
