// Host powers through the Platform (the app server does the work with LiveKit's RoomService):
// the waiting room, muting, removing, locking and ending. Polls the waiting list while open.
import type { WaitingRequest } from '../../../common/api.js';
import type { Toasts } from '../lib/toasts.svelte.js';
import { errorText, type Platform } from '../platform/platform.js';

const POLL_MS = 2000;

export class HostControls {
  waiting = $state<WaitingRequest[]>([]);
  locked = $state(false);
  #timer: ReturnType<typeof setInterval> | null = null;
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
    this.#timer ??= setInterval(() => void this.refresh(), POLL_MS);
  }

  stop(): void {
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = null;
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
      // A failed poll is retried on the next tick; the host sees the list as it last was.
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
