// The meeting state the renderer reports (meeting.state), kept for the tray and window close.
import type { MeetingState } from '../contract.js';

export class MeetingStateHolder {
  private state: MeetingState = { inMeeting: false, muted: false, sharing: false };
  private readonly listeners = new Set<(state: MeetingState) => void>();

  get(): MeetingState {
    return this.state;
  }

  set(state: MeetingState): void {
    this.state = { ...state, sharing: state.inMeeting && state.sharing };
    for (const listener of this.listeners) listener(this.state);
  }

  onChange(listener: (state: MeetingState) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
