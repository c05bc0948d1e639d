// The updater's state for the banner: the current value from update.getState, then every
// update.state event main pushes. The banner's buttons call back through the Platform.
import type { UpdateState } from '../../../electron/contract.js';
import type { Platform } from '../platform/platform.js';

export class UpdateStatus {
  state = $state<UpdateState>({ status: 'idle' });
  /** The user closed the "ready" banner; it installs on quit or when the machine is idle. */
  dismissed = $state(false);
  error = $state<string | null>(null);

  constructor(private readonly platform: Platform) {}

  start(): () => void {
    const stop = this.platform.on('update.state', (state) => this.#set(state));
    void this.platform.invoke('update.getState').then(
      (state) => this.#set(state),
      () => undefined,
    );
    return stop;
  }

  /** Whether the banner has anything to say. */
  get visible(): boolean {
    const { status } = this.state;
    return status === 'available' || status === 'downloading' || (status === 'ready' && !this.dismissed);
  }

  async restartNow(): Promise<void> {
    await this.#call(() => this.platform.invoke('update.restartNow'));
  }

  async restartAfterMeeting(): Promise<void> {
    await this.#call(() => this.platform.invoke('update.restartAfterMeeting'));
  }

  #set(state: UpdateState): void {
    // A new status or a newer version is news again, even after "Later".
    const version = (s: UpdateState) => ('version' in s ? s.version : null);
    if (state.status !== this.state.status || version(state) !== version(this.state)) this.dismissed = false;
    this.state = state;
  }

  async #call(action: () => Promise<void>): Promise<void> {
    this.error = null;
    try {
      await action();
    } catch (err) {
      this.error = err instanceof Error ? err.message : 'The update could not be installed.';
    }
  }
}
