// Starting and stopping a local recording of the meeting, in order: the app server marks you as
// recording (everyone sees it, and it refuses when the host forbids it), the file opens, the
// compositor and the audio mix feed the encoder; stopping finalises the file with the chat and
// clears the mark. Whatever fails on the way undoes the steps before it.
import type { ChatLine, RecordingEntry } from '../../../electron/contract.js';
import { errorText, type Platform } from '../platform/platform.js';
import type { RoomSession } from '../room/room-session.svelte.js';
import { AudioMix } from './audio-mix.js';
import { Compositor, FPS } from './compositor.js';
import { desktopSink } from './desktop-sink.js';
import type { Recorder, RecordingSink } from './recorder.js';
import { audioTracksOf, sceneOf } from './session-scene.js';
import { webSink, webRecordingSupported } from './web-sink.js';

export type RecordingStatus = 'idle' | 'starting' | 'recording' | 'stopping';

interface Running {
  recorder: Recorder;
  compositor: Compositor;
  mix: AudioMix;
  mixTimer: ReturnType<typeof setInterval>;
  entryId: string | null;
}

export class RecordingController {
  status = $state<RecordingStatus>('idle');
  startedAt = $state<number | null>(null);
  lastSaved = $state<RecordingEntry | null>(null);
  /** Every recording of this meeting that reached the index, for the meeting's local record. */
  readonly savedIds: string[] = [];
  #running: Running | null = null;

  constructor(
    private readonly platform: Platform,
    private readonly session: RoomSession,
    private readonly room: { id: string; title: string },
  ) {}

  async toggle(): Promise<void> {
    if (this.status === 'idle') await this.start();
    else if (this.status === 'recording') await this.stop();
  }

  async start(): Promise<void> {
    if (this.status !== 'idle') return;
    const toasts = this.session.toasts;
    const web = this.platform.kind === 'web';
    if (!web && (await this.platform.invoke('policy.get')).disableLocalRecording) {
      toasts.show('Your organisation has turned off local recording.', 'error');
      return;
    }
    if (web && !webRecordingSupported()) {
      toasts.show('This browser cannot save a recording; use the desktop app or Chromium.', 'error');
      return;
    }
    this.status = 'starting';
    performance.mark('convene:recording-start');
    let marked = false;
    let entryId: string | null = null;
    let sink: RecordingSink | undefined;
    try {
      // The mark first: if the host forbids recording, nothing has been written yet.
      await this.platform.call('recording.mark', { params: { id: this.room.id } });
      marked = true;
      if (web) {
        sink = await webSink(this.room.title);
      } else {
        const entry = await this.platform.invoke('recordings.start', {
          roomId: this.room.id,
          roomTitle: this.room.title,
        });
        entryId = entry.id;
        sink = desktopSink(this.platform, entry.id);
      }
      const compositor = new Compositor(() => sceneOf(this.session));
      compositor.start();
      const mix = new AudioMix();
      await mix.resume();
      const syncMix = () => mix.sync(audioTracksOf(this.session, this.session.room));
      syncMix();
      const mixTimer = setInterval(syncMix, 1000);
      // Mediabunny is large; it loads on the first recording, not with every meeting.
      const { Recorder } = await import('./recorder.js');
      const recorder = new Recorder();
      this.#running = { recorder, compositor, mix, mixTimer, entryId };
      const video = compositor.canvas.captureStream(FPS).getVideoTracks()[0] as MediaStreamVideoTrack;
      await recorder.start(video, mix.track as MediaStreamAudioTrack, sink);
      recorder.failed.catch((err: unknown) => void this.#fail(err));
      this.startedAt = Date.now();
      this.status = 'recording';
      performance.mark('convene:recording-started');
    } catch (err) {
      await this.#teardown();
      await sink?.abort().catch(() => undefined);
      if (entryId) await this.platform.invoke('recordings.finish', { id: entryId }).catch(() => undefined);
      if (marked) await this.#unmark();
      this.status = 'idle';
      toasts.show(`Could not start recording: ${errorText(err)}`, 'error');
    }
  }

  /** Finalises the file (no re-encode: the last fragment and the index) and clears the mark. */
  async stop(): Promise<void> {
    const running = this.#running;
    if (this.status !== 'recording' || !running) return;
    this.status = 'stopping';
    // User Timing marks (tests, bench/recording): Stop → muxer done → file closed and indexed.
    performance.mark('convene:recording-stop');
    try {
      await running.recorder.stop();
      performance.mark('convene:recording-finalized');
      if (running.entryId) {
        this.lastSaved = await this.platform.invoke('recordings.finish', {
          id: running.entryId,
          chat: this.chatLines(),
        });
        this.savedIds.push(running.entryId);
      }
      performance.mark('convene:recording-saved');
      this.session.toasts.show(running.entryId ? 'Recording saved' : 'Recording saved to your download');
    } catch (err) {
      this.session.toasts.show(`The recording could not be finished: ${errorText(err)}`, 'error');
    } finally {
      await this.#teardown();
      await this.#unmark();
      this.status = 'idle';
      this.startedAt = null;
    }
  }

  async #fail(err: unknown): Promise<void> {
    if (this.status !== 'recording') return;
    this.session.toasts.show(`${errorText(err)} What was recorded so far is kept.`, 'error');
    await this.stop();
  }

  async #teardown(): Promise<void> {
    const running = this.#running;
    this.#running = null;
    if (!running) return;
    clearInterval(running.mixTimer);
    running.compositor.stop();
    await running.mix.close().catch(() => undefined);
  }

  async #unmark(): Promise<void> {
    if (this.session.status === 'disconnected') return; // leaving clears it with the participant
    await this.platform
      .call('recording.unmark', { params: { id: this.room.id } })
      .catch((err: unknown) =>
        this.session.toasts.show(`Could not clear the recording mark: ${errorText(err)}`, 'error'),
      );
  }

  chatLines(): ChatLine[] {
    return this.session.chat.messages.map((m) => ({
      // A plain conversion of a number, not state.
      // eslint-disable-next-line svelte/prefer-svelte-reactivity
      at: new Date(m.sentAt).toISOString(),
      from: m.fromName,
      text: m.text,
    }));
  }
}
