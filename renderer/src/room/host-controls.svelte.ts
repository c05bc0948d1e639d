// Host powers through the Platform (the app server does the work with LiveKit's RoomService):
// the waiting room, muting, removing, locking and ending. The waiting list is re-read when the
// push channel says someone knocks (or reconnects), not polled.
import type { WaitingRequest } from '../../../common/api.js';
import type { Toasts } from '../lib/toasts.svelte.js';
import { errorText, type Platform } from '../platform/platform.js';

export class HostControls {
  waiting = $state<WaitingRequest[]>([]);
  locked = $state(false);
  #unsubscribe: Array<() => void> = [];
  // Bookkeeping only, never rendered: a plain Set on purpose.
  // eslint-disable-next-line svelte/prefer-svelte-reactivity
  readonly #announced = new Set<string>();

  constructor(
    private readonly platform: Platform,
    readonly roomId: string,
    private readonly toasts: Toasts,
    initiallyLocked: boolean,
  ) {
    this.locked = initiallyLocked;
  }

  start(): void {
    void this.refresh();
    if (this.#unsubscribe.length > 0) return;
    this.#unsubscribe = [
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
