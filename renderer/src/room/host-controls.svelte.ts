// Host powers through the Platform (the app server does the work with LiveKit's RoomService):
// the waiting room, muting, removing, locking, ending, and whether others may record. The
// waiting list is re-read when the push channel says someone knocks (or reconnects), not polled.
import { untrack } from 'svelte';
import type { LiveRoomSettings, WaitingRequest } from '../../../common/api.js';
import type { Toasts } from '../lib/toasts.svelte.js';
import { errorText, type Platform } from '../platform/platform.js';

export class HostControls {
  waiting = $state<WaitingRequest[]>([]);
  locked = $state(false);
  /** The room's allowRecording: whether participants other than hosts may record. */
  allowRecording = $state(true);
  /** A change of allowRecording is on its way to the app server. */
  savingRecording = $state(false);
  #unsubscribe: Array<() => void> = [];
  // Bookkeeping only, never rendered: a plain Set on purpose.
  // eslint-disable-next-line svelte/prefer-svelte-reactivity
  readonly #announced = new Set<string>();

  constructor(
    private readonly platform: Platform,
    readonly roomId: string,
    private readonly toasts: Toasts,
    initial: { locked: boolean; allowRecording: boolean },
    /** What the meeting last announced (another host may change the setting too). */
    private readonly live: () => LiveRoomSettings | null = () => null,
  ) {
    this.locked = initial.locked;
    this.allowRecording = initial.allowRecording;
  }

  start(): void {
    void this.refresh();
    if (this.#unsubscribe.length > 0) return;
    this.#unsubscribe = [
      $effect.root(() => {
        $effect(() => {
          const live = this.live();
          // Only a new announcement counts; the end of our own save must not replay an old one.
          if (live && !untrack(() => this.savingRecording)) this.allowRecording = live.allowRecording;
        });
      }),
      this.platform.on('push.event', ({ event }) => {
        if (event.type === 'waiting.knock' && event.roomId === this.roomId) void this.refresh();
      }),
      // Knocks while the channel was down arrive on reconnect; re-read anyway for decisions.
      this.platform.on('push.status', ({ connected }) => connected && void this.refresh()),
    ];
  }

  stop(): void {
    for (const off of this.#unsubscribe.splice(0)) off();
  }

  async refresh(): Promise<void> {
    try {
      this.waiting = await this.platform.call('waiting.list', { params: this.#room });
      for (const request of this.waiting) {
        if (this.#announced.has(request.id)) continue;
        this.#announced.add(request.id);
        this.toasts.show(`${request.displayName} is waiting to join`);
      }
    } catch {
      // The next knock or reconnect reads again; the host sees the list as it last was.
    }
  }

  admit = (requestId: string) =>
    this.#act(() => this.platform.call('waiting.admit', { params: { ...this.#room, requestId } }), true);
  deny = (requestId: string) =>
    this.#act(() => this.platform.call('waiting.deny', { params: { ...this.#room, requestId } }), true);
  mute = (identity: string) =>
    this.#act(() =>
      this.platform.call('moderation.mute', {
        params: { ...this.#room, identity },
        body: { source: 'microphone' },
      }),
    );
  muteAll = () => this.#act(() => this.platform.call('moderation.muteAll', { params: this.#room }));
  remove = (identity: string) =>
    this.#act(() => this.platform.call('moderation.remove', { params: { ...this.#room, identity } }));
  end = () => this.#act(() => this.platform.call('moderation.end', { params: this.#room }));

  get #room() {
    return { id: this.roomId };
  }

  async toggleLock(): Promise<void> {
    const next = !this.locked;
    if (
      await this.#act(() =>
        this.platform.call('moderation.lock', { params: this.#room, body: { locked: next } }),
      )
    ) {
      this.locked = next;
      this.toasts.show(next ? 'Meeting locked: nobody new can join' : 'Meeting unlocked');
    }
  }

  /** Shows the new value at once and puts it back if the app server refuses. Switching it off
   *  also stops the recordings others are running (server/src/recording/forbid.ts). */
  async setAllowRecording(allow: boolean): Promise<void> {
    if (this.savingRecording || allow === this.allowRecording) return;
    this.allowRecording = allow;
    this.savingRecording = true;
    try {
      const room = await this.platform.call('rooms.update', {
        params: this.#room,
        body: { allowRecording: allow },
      });
      this.allowRecording = room.allowRecording;
      this.toasts.show(
        allow ? 'Participants may record this meeting' : 'Only hosts may record this meeting now',
      );
    } catch (err) {
      this.allowRecording = !allow;
      this.toasts.show(`Could not change who may record: ${errorText(err)}`, 'error');
    } finally {
      this.savingRecording = false;
    }
  }

  async #act(action: () => Promise<unknown>, refresh = false): Promise<boolean> {
    try {
      await action();
      if (refresh) await this.refresh();
      return true;
    } catch (err) {
      this.toasts.show(errorText(err), 'error');
      return false;
    }
  }
}
