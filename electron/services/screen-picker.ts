// The state of the app's own screen picker. A getDisplayMedia call in the renderer reaches the
// display-media adapter, which asks `request()` for a choice; the renderer shows the picker
// (screen.pickerRequested), gets fresh thumbnails while it is open, and answers with
// screen.choose or screen.cancel. One request at a time: a new one cancels the old.
import type { ScreenSource } from '../contract.js';
import { ServiceError } from './errors.js';
import type { EmitEvent } from './events.js';

export interface SourcesPort {
  list(): Promise<ScreenSource[]>;
}

export interface PickerChoice {
  source: ScreenSource;
  /** Only true where the OS can loop system audio back (Windows, macOS). */
  audio: boolean;
}

export interface ScreenPickerOptions {
  sources: SourcesPort;
  emit: EmitEvent;
  audioSupported: boolean;
  refreshMs?: number;
  /** A picker nobody answers gives up, so getDisplayMedia does not hang forever. */
  timeoutMs?: number;
}

interface Pending {
  resolve(choice: PickerChoice | null): void;
  refresh: NodeJS.Timeout;
  timeout: NodeJS.Timeout;
}

export class ScreenPicker {
  private pending: Pending | undefined;
  private lastSources: ScreenSource[] = [];

  constructor(private readonly opts: ScreenPickerOptions) {}

  get isOpen(): boolean {
    return this.pending !== undefined;
  }

  /** Resolves with the user's choice, or null when the picker was cancelled or timed out. */
  async request(): Promise<PickerChoice | null> {
    this.finish(null, true);
    const sources = await this.listSources();
    return new Promise((resolve) => {
      this.pending = {
        resolve,
        refresh: setInterval(() => void this.refresh(), this.opts.refreshMs ?? 2_000),
        timeout: setTimeout(() => this.finish(null, true), this.opts.timeoutMs ?? 120_000),
      };
      this.opts.emit('screen.pickerRequested', { audioSupported: this.opts.audioSupported, sources });
    });
  }

  async listSources(): Promise<ScreenSource[]> {
    this.lastSources = await this.opts.sources.list();
    return this.lastSources;
  }

  choose(sourceId: string, audio: boolean): void {
    if (!this.pending)
      throw new ServiceError('NO_PENDING_REQUEST', 'No screen share is waiting for a choice.');
    const source = this.lastSources.find((s) => s.id === sourceId);
    if (!source) throw new ServiceError('UNKNOWN_SOURCE', 'That screen or window is no longer available.');
    this.finish({ source, audio: audio && this.opts.audioSupported }, false);
  }

  cancel(): void {
    this.finish(null, false);
  }

  private async refresh(): Promise<void> {
    if (!this.pending) return;
    try {
      const sources = await this.listSources();
      if (this.pending) this.opts.emit('screen.sourcesChanged', sources);
    } catch {
      // A failed refresh keeps the previous thumbnails; the next tick tries again.
    }
  }

  /** `tellRenderer`: the renderer did not end it itself, so it must close its picker. */
  private finish(choice: PickerChoice | null, tellRenderer: boolean): void {
    const pending = this.pending;
    if (!pending) return;
    this.pending = undefined;
    clearInterval(pending.refresh);
    clearTimeout(pending.timeout);
    if (tellRenderer) this.opts.emit('screen.pickerClosed', {});
    pending.resolve(choice);
  }
}
