// The recording's encoding, the same wherever it runs (the page or the recording worker):
// H.264 (else VP9, VP8) and AAC (else Opus) into a fragmented MP4 of half-second fragments.
// A fragmented MP4 is playable up to its last whole fragment at any moment, so a crash loses
// only the fragment in flight, and a normal stop only appends the index: no conversion.
import {
  getFirstEncodableAudioCodec,
  getFirstEncodableVideoCodec,
  Mp4OutputFormat,
  Output,
  QUALITY_MEDIUM,
  StreamTarget,
  type AudioCodec,
  type StreamTargetChunk,
  type VideoCodec,
  type VideoEncodingConfig,
} from 'mediabunny';

export const WIDTH = 1280;
export const HEIGHT = 720;
export const FPS = 30;
export const AUDIO_BITRATE = 128_000;
// Each fragment starts on a key frame, hence the same interval for both.
const FRAGMENT_SECONDS = 0.5;

/** Where the bytes go: the desktop app's file writer, or the browser's file system. */
export interface RecordingSink {
  /** Resolves once the chunk is safely stored; the muxer waits for it (backpressure). */
  write(position: number, data: Uint8Array<ArrayBuffer>): Promise<void>;
  close(): Promise<void>;
  abort(): Promise<void>;
}

export class RecordingError extends Error {
  constructor(
    readonly code: 'UNSUPPORTED' | 'ENCODER',
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.name = 'RecordingError';
  }
}

export async function chooseCodecs(): Promise<{ video: VideoCodec; audio: AudioCodec }> {
  const [video, audio] = await Promise.all([
    getFirstEncodableVideoCodec(['avc', 'vp9', 'vp8'], { width: WIDTH, height: HEIGHT }),
    getFirstEncodableAudioCodec(['aac', 'opus']),
  ]);
  if (!video || !audio) {
    throw new RecordingError('UNSUPPORTED', 'This browser cannot encode video or audio for a recording.');
  }
  return { video, audio };
}

export function videoEncoding(codec: VideoCodec): VideoEncodingConfig {
  return { codec, bitrate: QUALITY_MEDIUM, keyFrameInterval: FRAGMENT_SECONDS, latencyMode: 'realtime' };
}

/** A fragmented MP4 output whose bytes go to `sink` as the muxer has them. */
export function fragmentedOutput(sink: RecordingSink): Output {
  const writable = new WritableStream<StreamTargetChunk>({
    write: (chunk) => sink.write(chunk.position, chunk.data),
    close: () => sink.close(),
    abort: () => sink.abort(),
  });
  return new Output({
    format: new Mp4OutputFormat({ fastStart: 'fragmented', minimumFragmentDuration: FRAGMENT_SECONDS }),
    target: new StreamTarget(writable),
  });
}
