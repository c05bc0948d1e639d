// The contract's recordings.* methods, bound to the recording service and the two OS facilities
// it cannot reach itself (showing a file in its folder, a URL the renderer may play).
import type { MethodName, MethodResult, ParsedArgs } from '../../contract.js';
import type { RecordingService } from './recording-service.js';

type RecordingsMethod = Extract<MethodName, `recordings.${string}`>;
export type RecordingsHandlers = {
  [M in RecordingsMethod]: (args: ParsedArgs<M>) => Promise<MethodResult<M>> | MethodResult<M>;
};

export interface RecordingOsPort {
  /** Electron's shell.showItemInFolder; tests record the call. */
  showInFolder(path: string): void;
  /** Where the renderer can fetch a recording by id (app://convene/recordings/<id> in the app). */
  playbackBase: string;
}

export function recordingHandlers(service: RecordingService, os: RecordingOsPort): RecordingsHandlers {
  return {
    'recordings.start': (args) => service.start(args),
    'recordings.append': ({ id, position, data }) => service.append(id, position, data),
    'recordings.finish': ({ id, chat }) => service.finish(id, chat),
    'recordings.list': () => service.list(),
    'recordings.delete': ({ id }) => service.delete(id),
    'recordings.showInFolder': ({ id }) => os.showInFolder(service.get(id).path),
    'recordings.playbackUrl': ({ id }) => `${os.playbackBase}/recordings/${service.get(id).id}`,
    'recordings.takeNotices': () => service.takeNotices(),
  };
}
