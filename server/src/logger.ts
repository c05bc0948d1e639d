// Logger options shared by the app server: secrets are redacted here, at the logger, so no
// single call site can forget to.
import type { LoggerOptions } from 'pino';

export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'headers.authorization',
  '*.password',
  '*.token',
  '*.accessToken',
  '*.refreshToken',
  '*.apiSecret',
  '*.secret',
  'password',
  'token',
  'apiSecret',
];

export function loggerOptions(level: string): LoggerOptions {
  return {
    level,
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
    serializers: {
      // Query strings can carry invite tokens; log the path only, and not the bearer part of
      // paths that carry one (waiting-room tickets, invite links).
      req: (req: { method?: string; url?: string; id?: string }) => ({
        id: req.id,
        method: req.method,
        path: req.url?.split('?')[0]?.replace(/^\/(waiting|join)\/[^/]+/, '/$1/[redacted]'),
      }),
    },
  };
}
