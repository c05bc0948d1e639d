// Meeting links that open the app: convene://join/<room>[?server=<url>],
// convene://invite/<invite>?server=<url>, and the server's own https://<host>/join/<invite>.
// A link naming a server is accepted only for the current server or a host IT allowed.
import type { DeepLinkTarget } from '../contract.js';

export type DeepLinkParse = { ok: true; target: DeepLinkTarget } | { ok: false; reason: string };

export interface DeepLinkContext {
  allowedHosts: string[];
  currentServerUrl: string | null;
}

const ROOM = /^[A-Za-z0-9][A-Za-z0-9_-]{0,99}$/;
const INVITE = /^[A-Za-z0-9_.~-]{8,4096}$/;

export function parseDeepLink(raw: string, ctx: DeepLinkContext): DeepLinkParse {
  // URL parsing would resolve `..` silently; a link that needs it is not one we made.
  if (/\/\.{1,2}(?:[/?#]|$)/.test(raw)) return { ok: false, reason: 'the link contains dot segments' };
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return { ok: false, reason: 'not a URL' };
  }
  if (url.protocol === 'convene:') return parseConvene(url, ctx);
  if (url.protocol === 'https:' || url.protocol === 'http:') {
    const [kind, invite, ...rest] = url.pathname.split('/').filter(Boolean);
    if (kind !== 'join' || !invite || rest.length > 0 || !INVITE.test(invite)) {
      return { ok: false, reason: 'not a meeting invite link' };
    }
    if (!hostAllowed(url, ctx)) return { ok: false, reason: `links to ${url.host} are not allowed` };
    return { ok: true, target: { kind: 'invite', invite, serverUrl: url.origin } };
  }
  return { ok: false, reason: `the ${url.protocol} scheme is not a meeting link` };
}

function parseConvene(url: URL, ctx: DeepLinkContext): DeepLinkParse {
  // convene://join/x parses with host "join" and path "/x".
  const [kind, value, ...rest] = [url.host, ...url.pathname.split('/').filter(Boolean)];
  if (!value || rest.length > 0)
    return { ok: false, reason: 'expected convene://join/<room> or convene://invite/<invite>' };
  const serverParam = url.searchParams.get('server');
  let serverUrl: string | null = null;
  if (serverParam !== null) {
    let server: URL;
    try {
      server = new URL(serverParam);
    } catch {
      return { ok: false, reason: 'the server parameter is not a URL' };
    }
    if (!['https:', 'http:'].includes(server.protocol) || server.username || server.password) {
      return { ok: false, reason: 'the server parameter must be a plain http(s) URL' };
    }
    if (!hostAllowed(server, ctx)) return { ok: false, reason: `links to ${server.host} are not allowed` };
    serverUrl = server.origin;
  }
  if (kind === 'join') {
    if (!ROOM.test(value)) return { ok: false, reason: 'the room name is not valid' };
    return { ok: true, target: { kind: 'room', room: value, serverUrl } };
  }
  if (kind === 'invite') {
    if (!INVITE.test(value)) return { ok: false, reason: 'the invite is not valid' };
    const server = serverUrl ?? ctx.currentServerUrl;
    if (!server) return { ok: false, reason: 'the invite link does not say which server' };
    return { ok: true, target: { kind: 'invite', invite: value, serverUrl: server } };
  }
  return { ok: false, reason: 'expected convene://join/<room> or convene://invite/<invite>' };
}

/** The current server's host, or one IT allowed (`*.example.com` matches subdomains). */
export function hostAllowed(url: URL, ctx: DeepLinkContext): boolean {
  if (ctx.currentServerUrl && new URL(ctx.currentServerUrl).host === url.host) return true;
  const host = url.host.toLowerCase();
  const hostname = url.hostname.toLowerCase();
  return ctx.allowedHosts.some((allowed) =>
    allowed.startsWith('*.') ? hostname.endsWith(allowed.slice(1)) : allowed === host || allowed === hostname,
  );
}

/** The first argument that looks like a meeting link (Windows and Linux pass it in argv). */
export function deepLinkFromArgv(argv: readonly string[]): string | undefined {
  return argv.find((arg) => /^convene:\/\//i.test(arg));
}

/** Links the window may open in the browser: https to the current server or an allowed host. */
export function externalLinkAllowed(raw: string, ctx: DeepLinkContext): boolean {
  try {
    const url = new URL(raw);
    return url.protocol === 'https:' && !url.username && !url.password && hostAllowed(url, ctx);
  } catch {
    return false;
  }
}
