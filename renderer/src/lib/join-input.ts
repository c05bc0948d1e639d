// "Join by link or code" on the home screen accepts an invite link (…/join/<invite>), a bare
// invite, or a room code (its slug). This decides which.

export type JoinInput =
  { kind: 'invite'; invite: string } | { kind: 'room'; slug: string } | { kind: 'invalid' };

const SLUG = /^[a-z0-9][a-z0-9-]{2,62}$/;

export function parseJoinInput(raw: string): JoinInput {
  const text = raw.trim();
  if (!text) return { kind: 'invalid' };
  const fromPath = /\/join\/([^/?#\s]+)/.exec(text);
  if (fromPath?.[1]) return { kind: 'invite', invite: decodeURIComponent(fromPath[1]) };
  if (/^convene:\/\//i.test(text) || /^https?:\/\//i.test(text)) return { kind: 'invalid' };
  const lower = text.toLowerCase();
  if (SLUG.test(lower)) return { kind: 'room', slug: lower };
  // Invites are long opaque tokens; anything else long and URL-safe is treated as one.
  if (/^[A-Za-z0-9._~-]{16,4096}$/.test(text)) return { kind: 'invite', invite: text };
  return { kind: 'invalid' };
}

/** The invite in a web client path such as /join/<invite>, if any. */
export function inviteFromPath(pathname: string): string | null {
  const match = /^\/join\/([^/]+)\/?$/.exec(pathname);
  return match?.[1] ? decodeURIComponent(match[1]) : null;
}
