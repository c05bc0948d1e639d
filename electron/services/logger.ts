// A named logger per module. Secrets are redacted here, at the logger, so no call site can
// forget to: values under secret-looking keys, and anything shaped like a JWT or bearer token.
export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

/** Where log lines go: electron-log in the app, an array or the console in tests. */
export interface LogSink {
  write(level: LogLevel, scope: string, message: string, data?: unknown): void;
}

export interface Logger {
  debug(message: string, data?: unknown): void;
  info(message: string, data?: unknown): void;
  warn(message: string, data?: unknown): void;
  error(message: string, data?: unknown): void;
  child(scope: string): Logger;
}

const SECRET_KEY = /token|password|secret|authorization|cookie|invite/i;
const JWT = /\beyJ[\w-]{5,}\.[\w-]{5,}\.[\w-]*/g;
const BEARER = /\bBearer\s+[\w.~+/=-]+/gi;
export const REDACTED = '[redacted]';

export function redactString(text: string): string {
  return text.replace(JWT, REDACTED).replace(BEARER, `Bearer ${REDACTED}`);
}

/** A deep copy with secrets replaced; errors become { name, code, message } without stacks. */
export function redact(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return redactString(value);
  if (value === null || typeof value !== 'object') return value;
  if (depth > 6) return '[deep]';
  if (value instanceof Error) {
    const code = (value as { code?: unknown }).code;
    return {
      name: value.name,
      ...(code === undefined ? {} : { code }),
      message: redactString(value.message),
    };
  }
  if (Array.isArray(value)) return value.map((item) => redact(item, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    out[key] = SECRET_KEY.test(key) ? REDACTED : redact(item, depth + 1);
  }
  return out;
}

export function createLogger(sink: LogSink, scope: string): Logger {
  const log = (level: LogLevel) => (message: string, data?: unknown) =>
    sink.write(level, scope, redactString(message), data === undefined ? undefined : redact(data));
  return {
    debug: log('debug'),
    info: log('info'),
    warn: log('warn'),
    error: log('error'),
    child: (name) => createLogger(sink, `${scope}.${name}`),
  };
}

export const consoleSink: LogSink = {
  write(level, scope, message, data) {
    const line = `[${scope}] ${message}`;
    if (data === undefined) console[level](line);
    else console[level](line, data);
  },
};
