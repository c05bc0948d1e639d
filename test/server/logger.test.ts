// Secrets are redacted by the logger itself, whatever the call site logs.
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { loggerOptions } from '../../server/src/logger.js';

describe('logger redaction', () => {
  it('never writes tokens, passwords or authorization headers', () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _enc, done) {
        lines.push(chunk.toString());
        done();
      },
    });
    const log = pino(loggerOptions('info'), sink);
    log.info({ token: 'tok-123', body: { password: 'pw-456', refreshToken: 'rt-789' } }, 'login');
    log.info({ req: { headers: { authorization: 'Bearer abc' } } }, 'request');
    const out = lines.join('');
    expect(out).toContain('login');
    for (const secret of ['tok-123', 'pw-456', 'rt-789', 'Bearer abc']) expect(out).not.toContain(secret);
    expect(out).toContain('[redacted]');
  });
});
