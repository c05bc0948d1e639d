// A log sink that keeps lines in memory, so tests can assert what was (and was not) logged.
import { createLogger, type LogLevel, type Logger, type LogSink } from '../../../electron/services/logger.js';

export interface MemoryLog {
  log: Logger;
  lines: Array<{ level: LogLevel; scope: string; message: string; data?: unknown }>;
  text(): string;
}

export function memoryLog(scope = 'test'): MemoryLog {
  const lines: MemoryLog['lines'] = [];
  const sink: LogSink = {
    write: (level, s, message, data) => lines.push({ level, scope: s, message, data }),
  };
  return { log: createLogger(sink, scope), lines, text: () => JSON.stringify(lines) };
}
