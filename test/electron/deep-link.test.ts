// Meeting links: what is accepted, what is refused and why.
import { describe, expect, it } from 'vitest';
import { deepLinkFromArgv, parseDeepLink } from '../../electron/services/deep-link.js';

const ctx = {
  allowedHosts: ['meet.corp.example', '*.branch.example'],
  currentServerUrl: 'https://app.corp.example',
};

describe('parseDeepLink', () => {
  it('accepts a room link, with or without an allowed server', () => {
    expect(parseDeepLink('convene://join/weekly-sync', ctx)).toEqual({
      ok: true,
      target: { kind: 'room', room: 'weekly-sync', serverUrl: null },
    });
    expect(parseDeepLink('convene://join/weekly-sync?server=https://meet.corp.example/', ctx)).toEqual({
      ok: true,
      target: { kind: 'room', room: 'weekly-sync', serverUrl: 'https://meet.corp.example' },
    });
  });

  it('accepts invite links in both forms, defaulting to the current server', () => {
    expect(parseDeepLink('convene://invite/abcDEF123.xyz_-', ctx)).toEqual({
      ok: true,
      target: { kind: 'invite', invite: 'abcDEF123.xyz_-', serverUrl: 'https://app.corp.example' },
    });
    expect(parseDeepLink('https://x.branch.example/join/abcdefgh1234', ctx)).toEqual({
      ok: true,
      target: { kind: 'invite', invite: 'abcdefgh1234', serverUrl: 'https://x.branch.example' },
    });
  });

  it('refuses servers that are neither current nor allowed', () => {
    const r1 = parseDeepLink('convene://join/room1?server=https://evil.example', ctx);
    expect(r1).toEqual({ ok: false, reason: 'links to evil.example are not allowed' });
    expect(parseDeepLink('https://evil.example/join/abcdefgh1234', ctx).ok).toBe(false);
    // A suffix match must be on a label boundary.
    expect(parseDeepLink('https://evilbranch.example/join/abcdefgh1234', ctx).ok).toBe(false);
  });

  it('refuses malformed links', () => {
    for (const raw of [
      'not a url',
      'javascript:alert(1)',
      'convene://join/',
      'convene://join/a/b',
      'convene://join/../etc',
      'convene://join/room?server=javascript:alert(1)',
      'convene://join/room?server=https://u:p@meet.corp.example',
      'convene://delete/room',
      'convene://invite/short',
      'https://meet.corp.example/rooms/abcdefgh1234',
    ]) {
      expect(parseDeepLink(raw, ctx), raw).toMatchObject({ ok: false });
    }
  });

  it('needs a server for an invite when none is current', () => {
    expect(
      parseDeepLink('convene://invite/abcdefgh1234', { allowedHosts: [], currentServerUrl: null }),
    ).toEqual({
      ok: false,
      reason: 'the invite link does not say which server',
    });
  });
});

describe('deepLinkFromArgv', () => {
  it('finds the link among other arguments', () => {
    expect(deepLinkFromArgv(['/opt/Convene/convene', '--flag', 'convene://join/x'])).toBe('convene://join/x');
    expect(deepLinkFromArgv(['/opt/Convene/convene'])).toBeUndefined();
  });
});
