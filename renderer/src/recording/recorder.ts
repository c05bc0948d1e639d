// Encodes the composited meeting with WebCodecs through Mediabunny into a fragmented MP4 and
// hands each piece to a sink as soon as the muxer has it (about one fragment a second). A
// fragmented MP4 is playable up to its last whole fragment at any moment, so a crash loses only
// the fragment in flight, and a normal stop only appends the index: no conversion, no re-encode.
import {
  getFirstEncodableAudioCodec,
  getFirstEncodableVideoCodec,
  MediaStreamAudioTrackSource,
  MediaStreamVideoTrackSource,
  Mp4OutputFormat,
  Output,
  QUALITY_MEDIUM,
  StreamTarget,
  type StreamTargetChunk,
} from 'mediabunny';
import { FPS, HEIGHT, WIDTH } from './compositor.js';

/** Where the bytes go: the desktop app's file writer, or the browser's file system. */
export interface RecordingSink {
  /** Resolves once the chunk is safely stored; the muxer waits for it (backpressure). */
  write(position: number, data: Uint8Array<ArrayBuffer>): Promise<void>;
  close(): Promise<void>;
  abort(): Promise<void>;
}

const FRAGMENT_SECONDS = 0.5;

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

export class Recorder {
  #output: Output | undefined;
  #failed: Promise<never> | undefined;

  /** Starts encoding; `failed` rejects if the encoder or the sink breaks later. */
  async start(
    video: MediaStreamVideoTrack,
    audio: MediaStreamAudioTrack,
    sink: RecordingSink,
  ): Promise<void> {
    const [videoCodec, audioCodec] = await Promise.all([
      getFirstEncodableVideoCodec(['avc', 'vp9', 'vp8'], { width: WIDTH, height: HEIGHT }),
      getFirstEncodableAudioCodec(['aac', 'opus']),
    ]);
    if (!videoCodec || !audioCodec) {
      throw new RecordingError('UNSUPPORTED', 'This browser cannot encode video or audio for a recording.');
    }
    const writable = new WritableStream<StreamTargetChunk>({
      write: (chunk) => sink.write(chunk.position, chunk.data),
      close: () => sink.close(),
      abort: () => sink.abort(),
    });
    const output = new Output({
      // Half-second fragments: a crash loses at most the fragment being built plus what the
      // encoder still holds. Each fragment starts on a key frame, hence the same interval there.
      format: new Mp4OutputFormat({ fastStart: 'fragmented', minimumFragmentDuration: FRAGMENT_SECONDS }),
      target: new StreamTarget(writable),
    });
    const videoSource = new MediaStreamVideoTrackSource(
      video,
      {
        codec: videoCodec,
        bitrate: QUALITY_MEDIUM,
        keyFrameInterval: FRAGMENT_SECONDS,
        latencyMode: 'realtime',
      },
      { frameRate: FPS },
    );
    const audioSource = new MediaStreamAudioTrackSource(audio, { codec: audioCodec, bitrate: 128_000 });
    output.addVideoTrack(videoSource, { frameRate: FPS });
    output.addAudioTrack(audioSource);
    this.#failed = Promise.race([videoSource.errorPromise, audioSource.errorPromise]).then(() => {
      throw new RecordingError('ENCODER', 'The recording stopped: the encoder failed.');
    });
    this.#failed.catch(() => undefined);
    await output.start();
    this.#output = output;
  }

  get failed(): Promise<never> {
    return this.#failed ?? new Promise<never>(() => undefined);
  }

  /** Writes the last fragment and the index; resolves once the sink has closed the file. */
  async stop(): Promise<void> {
    await this.#output?.finalize();
    this.#output = undefined;
  }

  async cancel(): Promise<void> {
    await this.#output?.cancel();
    this.#output = undefined;
  }
}
