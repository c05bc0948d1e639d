import { describe, expect, it } from 'vitest';
import { parseJoinInput, inviteFromPath } from '../../renderer/src/lib/join-input.js';

describe('join input', () => {
  it('recognises invite links, bare invites and room codes', () => {
    expect(parseJoinInput('https://meet.example.test/join/abc.DEF-123')).toEqual({
      kind: 'invite',
      invite: 'abc.DEF-123',
    });
    expect(parseJoinInput('  Team-Sync ')).toEqual({ kind: 'room', slug: 'team-sync' });
    expect(parseJoinInput('eyJhbGciOiJIUzI1NiJ9.eyJyIjoiMSJ9.c2ln')).toMatchObject({ kind: 'invite' });
    expect(parseJoinInput('https://elsewhere.test/rooms/1')).toEqual({ kind: 'invalid' });
    expect(parseJoinInput('a b')).toEqual({ kind: 'invalid' });
  });

  it('reads the invite of a /join/<invite> path only', () => {
    expect(inviteFromPath('/join/abc.def')).toBe('abc.def');
    expect(inviteFromPath('/join/')).toBeNull();
    expect(inviteFromPath('/other/abc')).toBeNull();
  });
});
