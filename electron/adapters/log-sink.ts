// The services' log sink in the app: electron-log writes to the per-user log file
// (~/.config/Convene/logs/main.log, ~/Library/Logs/Convene, %AppData%\Convene\logs).
// Redaction already happened in services/logger.ts before a line gets here.
import log from 'electron-log/main';
import type { LogSink } from '../services/logger.js';

export function electronLogSink(): LogSink {
  log.initialize();
  return {
    write(level, scope, message, data) {
      const line = `[${scope}] ${message}`;
      if (data === undefined) log[level](line);
      else log[level](line, data);
    },
  };
}
