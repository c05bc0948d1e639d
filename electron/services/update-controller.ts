// The update state machine behind the renderer's banner. electron-updater (adapters/updater.ts)
// reports what it does; this class keeps the state, pushes `update.state`, and decides with
// update-plan.ts when the downloaded update may install: never in a meeting or a recording.
import type { UpdateState } from '../contract.js';
import { ServiceError } from './errors.js';
import type { EmitEvent } from './events.js';
import type { Logger } from './logger.js';
import type { MeetingStateHolder } from './meeting-state.js';
import { installDecision, rolloutDecision, type ReleaseInfo, type RolloutContext } from './update-plan.js';

export interface UpdateControllerDeps {
  meeting: MeetingStateHolder;
  emit: EmitEvent;
  log: Logger;
  /** Whether a local recording is being written (the recording service supplies it). */
  recording?: () => boolean;
  /** Seconds since the last input (Electron's powerMonitor); 0 where unknown. */
  idleSeconds?: () => number;
  /** The policy-derived part of the rollout decision; absent when updates are off. */
  rollout?: Omit<RolloutContext, 'now'>;
  now?: () => number;
}

export class UpdateController {
  private state: UpdateState = { status: 'idle' };
  private required = false;
  private install: (() => void) | undefined;
  private readonly now: () => number;
  private readonly unsubscribe: () => void;

  constructor(private readonly deps: UpdateControllerDeps) {
    this.now = deps.now ?? Date.now;
    // A meeting that ends is the moment a waiting update may go in.
    this.unsubscribe = deps.meeting.onChange(() => this.reconsider());
  }

  get(): UpdateState {
    return this.state;
  }

  /** Updates will not run; the banner stays hidden, the diagnostics say why. */
  off(reason: string): void {
    this.set({ status: 'off', reason });
  }

  /** electron-updater's isUserWithinRollout: staged rollout, deferral, minimum version. */
  accepts(release: ReleaseInfo): boolean {
    if (!this.deps.rollout) return false;
    const decision = rolloutDecision(release, { ...this.deps.rollout, now: this.now() });
    this.deps.log.info('update rollout decision', { version: release.version, ...decision });
    this.required = decision.take && decision.required;
    return decision.take;
  }

  checking(): void {
    this.set({ status: 'checking' });
  }
  upToDate(): void {
    this.set({ status: 'idle' });
  }
  available(version: string): void {
    this.set({ status: 'available', version, required: this.required });
  }
  progress(version: string, percent: number): void {
    const clamped = Math.max(0, Math.min(100, Math.round(percent)));
    this.set({ status: 'downloading', version, required: this.required, percent: clamped });
  }
  /** The update is on disk; `install` quits and installs it. */
  downloaded(version: string, install: () => void): void {
    this.install = install;
    this.set({
      status: 'ready',
      version,
      required: this.required,
      blockedByMeeting: this.busy(),
      restartAfterMeeting: false,
    });
    this.reconsider();
  }
  failed(message: string): void {
    this.set({ status: 'error', message });
  }

  restartNow(): void {
    if (this.state.status !== 'ready') throw new ServiceError('NO_UPDATE', 'No update is ready to install.');
    if (this.busy())
      throw new ServiceError(
        'IN_MEETING',
        'The update installs after the meeting; restarting now would end it.',
      );
    this.runInstall('the user asked');
  }

  restartAfterMeeting(): void {
    if (this.state.status !== 'ready') throw new ServiceError('NO_UPDATE', 'No update is ready to install.');
    this.set({ ...this.state, restartAfterMeeting: true });
    this.reconsider();
  }

  /** Called on meeting changes and on a timer: installs when the rules allow. */
  reconsider(): void {
    if (this.state.status !== 'ready') return;
    const blocked = this.busy();
    if (blocked !== this.state.blockedByMeeting) this.set({ ...this.state, blockedByMeeting: blocked });
    if (this.state.status !== 'ready') return;
    const decision = installDecision({
      inMeeting: this.deps.meeting.get().inMeeting,
      recording: this.deps.recording?.() ?? false,
      idleSeconds: this.deps.idleSeconds?.() ?? 0,
      userAsked: this.state.restartAfterMeeting,
    });
    if (decision === 'install-now')
      this.runInstall(this.state.restartAfterMeeting ? 'the meeting ended' : 'idle');
  }

  dispose(): void {
    this.unsubscribe();
  }

  private busy(): boolean {
    return this.deps.meeting.get().inMeeting || (this.deps.recording?.() ?? false);
  }

  private runInstall(why: string): void {
    this.deps.log.info('installing update', { why });
    this.install?.();
  }

  private set(next: UpdateState): void {
    this.state = next;
    this.deps.emit('update.state', next);
  }
}
