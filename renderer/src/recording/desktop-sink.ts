// The desktop sink: each muxer chunk crosses to the main process, which writes and flushes it
// before answering, so the renderer never holds more than the chunk in flight.
import type { Platform } from '../platform/platform.js';
import type { RecordingSink } from './encoding.js';

export function desktopSink(platform: Platform, id: string): RecordingSink {
  return {
    write: (position, data) => platform.invoke('recordings.append', { id, position, data }),
    // The controller finishes the file with the chat once the muxer is done.
    close: async () => undefined,
    abort: async () => undefined,
  };
}
