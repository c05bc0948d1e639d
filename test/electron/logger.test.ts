// Secrets are redacted at the logger: by key, and by shape (JWTs, bearer headers).
import { describe, expect, it } from 'vitest';
import { memoryLog } from './support/memory-log.js';

const JWT = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhbGljZSJ9.c2lnbmF0dXJlLXBhcnQ';

describe('logger redaction', () => {
  it('redacts secret-looking keys at any depth and JWTs anywhere', () => {
    const mem = memoryLog();
    mem.log.info(`got ${JWT} back`, {
      refreshToken: 'r-123',
      nested: { password: 'hunter2', headers: { authorization: 'Bearer abc' }, note: `token=${JWT}` },
      list: [{ accessToken: 'a-1' }],
      username: 'alice',
    });
    const text = mem.text();
    for (const secret of ['r-123', 'hunter2', 'Bearer abc', JWT, 'a-1']) expect(text).not.toContain(secret);
    expect(text).toContain('alice');
    expect(mem.lines[0]?.message).toBe('got [redacted] back');
  });

  it('logs errors without their stacks', () => {
    const mem = memoryLog();
    const err = Object.assign(new Error(`refused Bearer ${JWT}`), { code: 'UNAUTHORIZED' });
    mem.log.error('call failed', err);
    expect(mem.lines[0]?.data).toEqual({
      name: 'Error',
      code: 'UNAUTHORIZED',
      message: 'refused Bearer [redacted]',
    });
  });
});
