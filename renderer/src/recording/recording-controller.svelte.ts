// Starting and stopping a local recording of the meeting, in order: the app server marks you as
// recording (everyone sees it, and it refuses when the host forbids it), the file opens, the
// compositor and the audio mix feed the encoder; stopping finalises the file with the chat and
// clears the mark. Whatever fails on the way undoes the steps before it. In web mode the file
// goes into the browser's private file system and is downloaded when it is done
// (web-recording.ts). When the app server withdraws the mark (the host turned recording off),
// the recording stops the same way and the file is kept. Whether the host lets others record is
// known before anyone presses Record (recording-permission.svelte.ts).
import type { ChatLine, RecordingEntry } from '../../../electron/contract.js';
import { errorText, PlatformError, type Platform } from '../platform/platform.js';
import type { RoomSession } from '../room/room-session.svelte.js';
import { AudioMix } from './audio-mix.js';
import { desktopSink } from './desktop-sink.js';
import type { RecordingSink } from './encoding.js';
import { createRecorder, type MeetingRecorder } from './recorder.js';
import { audioTracksOf, sceneOf } from './session-scene.js';
import { RecordingPermission } from './recording-permission.svelte.js';
import { checkFreeSpace, OpfsRecording, webRecordingSupported } from './opfs-recordings.js';
import { handOver } from './web-recording.js';

export type RecordingStatus = 'idle' | 'starting' | 'recording' | 'stopping';

interface Running {
  recorder: MeetingRecorder;
  mix: AudioMix;
  mixTimer: ReturnType<typeof setInterval>;
  entryId: string | null;
  web: OpfsRecording | null;
}

const HOST_FORBADE = 'The host turned off recording; your recording was saved';
/** The app server's own words for RECORDING_FORBIDDEN, so both say the same. */
export const HOST_FORBIDS = 'The host of this meeting does not allow recording.';
// The app server marks recorders by their account; a guest from outside has none, and a
// company's meeting is not recorded on an outsider's device.
export const GUESTS_CANNOT = 'Guests cannot record meetings. Ask the host if you need a recording.';

export interface RecordedRoom {
  id: string;
  title: string;
  /** The room's setting when this client joined (the join grant). */
  allowRecording: boolean;
  /** Hosts may record whatever the setting says. */
  isHost: boolean;
  /** Joined with an invite, without an account. */
  guest: boolean;
}

export class RecordingController {
  status = $state<RecordingStatus>('idle');
  startedAt = $state<number | null>(null);
  lastSaved = $state<RecordingEntry | null>(null);
  /** Every recording of this meeting that reached the index, for the meeting's local record. */
  readonly savedIds: string[] = [];
  #running: Running | null = null;
  readonly #permission: RecordingPermission;
  readonly #unwatch: () => void;

  constructor(
    private readonly platform: Platform,
    private readonly session: RoomSession,
    private readonly room: RecordedRoom,
  ) {
    this.#permission = new RecordingPermission(room.allowRecording, room.isHost, () => session.liveSettings);
    // Only the app server sets or clears our mark; cleared while we record, without our asking,
    // means the host forbade recording (server/src/recording/forbid.ts).
    let marked = false;
    this.#unwatch = $effect.root(() => {
      $effect(() => {
        const mark = this.session.local.recording;
        if (marked && !mark && this.status === 'recording') {
          this.#permission.refused();
          void this.stop(HOST_FORBADE);
        }
        marked = mark;
      });
    });
  }

  /** True when this participant may not record because the host does not allow it. */
  get forbiddenByHost(): boolean {
    return this.#permission.forbiddenByHost;
  }

  /** Why the Record button cannot start a recording now, as its label says it; null when it can. */
  get blocked(): string | null {
    if (this.room.guest) return 'Guests cannot record';
    if (this.forbiddenByHost) return 'Recording turned off by the host';
    return null;
  }

  dispose(): void {
    this.#unwatch();
    this.#permission.dispose();
  }

  async toggle(): Promise<void> {
    if (this.status === 'idle') await this.start();
    else if (this.status === 'recording') await this.stop();
  }

  async start(): Promise<void> {
    if (this.status !== 'idle') return;
    const toasts = this.session.toasts;
    const web = this.platform.kind === 'web';
    if ((await this.platform.invoke('policy.get')).disableLocalRecording) {
      toasts.show('Your organisation has turned off local recording.', 'error');
      return;
    }
    if (this.room.guest) {
      toasts.show(GUESTS_CANNOT, 'error');
      return;
    }
    if (this.forbiddenByHost) {
      toasts.show(HOST_FORBIDS, 'error');
      return;
    }
    if (web && !webRecordingSupported()) {
      toasts.show('This browser cannot record; use the desktop app, Chromium, Edge or Firefox.', 'error');
      return;
    }
    this.status = 'starting';
    performance.mark('convene:recording-start');
    let marked = false;
    let entryId: string | null = null;
    let sink: RecordingSink | undefined;
    let webFile: OpfsRecording | null = null;
    let recorder: MeetingRecorder | undefined;
    try {
      // Refused before anyone sees a mark when the browser has too little room for a file.
      if (web) await checkFreeSpace();
      // The mark first: if the host forbids recording, nothing has been written yet.
      await this.platform.call('recording.mark', { params: { id: this.room.id } });
      marked = true;
      if (web) {
        webFile = await OpfsRecording.create(this.room.id, this.room.title);
        sink = webFile.sink;
      } else {
        const entry = await this.platform.invoke('recordings.start', {
          roomId: this.room.id,
          roomTitle: this.room.title,
        });
        entryId = entry.id;
        sink = desktopSink(this.platform, entry.id);
      }
      const mix = new AudioMix();
      await mix.resume();
      const syncMix = () => mix.sync(audioTracksOf(this.session, this.session.room));
      syncMix();
      const mixTimer = setInterval(syncMix, 1000);
      recorder = await createRecorder();
      this.#running = { recorder, mix, mixTimer, entryId, web: webFile };
      await recorder.start(() => sceneOf(this.session), mix.track as MediaStreamAudioTrack, sink);
      recorder.failed.catch((err: unknown) => void this.#fail(err));
      webFile?.failed.catch((err: unknown) => void this.#fail(err, true));
      this.startedAt = Date.now();
      this.status = 'recording';
      performance.mark('convene:recording-started');
    } catch (err) {
      await recorder?.cancel().catch(() => undefined);
      await this.#teardown();
      await sink?.abort().catch(() => undefined);
      if (entryId) await this.platform.invoke('recordings.finish', { id: entryId }).catch(() => undefined);
      await webFile?.discard().catch(() => undefined);
      if (marked) await this.#unmark();
      this.status = 'idle';
      if (err instanceof PlatformError && err.code === 'RECORDING_FORBIDDEN') {
        // What we knew was stale (the announcement may not have reached us): now we know.
        this.#permission.refused();
        toasts.show(HOST_FORBIDS, 'error');
      } else {
        toasts.show(`Could not start recording: ${errorText(err)}`, 'error');
      }
    }
  }

  /** Finalises the file (no re-encode: the last fragment and the index) and clears the mark;
   *  `notice` replaces the usual "Recording saved"; with `sinkBroken` (a full disk in web mode)
   *  the muxer cannot write its index, so what reached the disk is kept as it is. */
  async stop(notice?: string, sinkBroken = false): Promise<void> {
    const running = this.#running;
    if (this.status !== 'recording' || !running) return;
    this.status = 'stopping';
    // User Timing marks (tests, bench/recording): Stop → muxer done → file closed and indexed.
    performance.mark('convene:recording-stop');
    try {
      if (sinkBroken && running.web) {
        await running.recorder.cancel().catch(() => undefined);
        await this.#salvage(running.web);
        return;
      }
      await running.recorder.stop();
      performance.mark('convene:recording-finalized');
      if (running.entryId) {
        this.lastSaved = await this.platform.invoke('recordings.finish', {
          id: running.entryId,
          chat: this.chatLines(),
        });
        this.savedIds.push(running.entryId);
      }
      if (running.web) await handOver(this.platform, running.web, true);
      performance.mark('convene:recording-saved');
      this.session.toasts.show(
        notice ?? (running.web ? 'Recording saved to your downloads' : 'Recording saved'),
      );
    } catch (err) {
      this.session.toasts.show(`The recording could not be finished: ${errorText(err)}`, 'error');
      // Web mode: what reached the disk is still a playable file up to its last whole fragment.
      if (running.web) await this.#salvage(running.web);
    } finally {
      await this.#teardown();
      await this.#unmark();
      this.status = 'idle';
      this.startedAt = null;
    }
  }

  async #fail(err: unknown, sinkBroken = false): Promise<void> {
    if (this.status !== 'recording') return;
    this.session.toasts.show(`${errorText(err)} What was recorded so far is kept.`, 'error');
    await this.stop(undefined, sinkBroken);
  }

  async #salvage(file: OpfsRecording): Promise<void> {
    try {
      await handOver(this.platform, file, false);
      this.session.toasts.show('What was recorded is in your downloads');
    } catch (err) {
      this.session.toasts.show(`The recording could not be saved: ${errorText(err)}`, 'error');
    }
  }

  async #teardown(): Promise<void> {
    const running = this.#running;
    this.#running = null;
    if (!running) return;
    clearInterval(running.mixTimer);
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
