// Everything that needs livekit-client loads as one lazy chunk, so signing in and the home
// screen start fast. Home asks for it early (preloadMeeting) so the lobby opens without a wait.
import type * as MeetingExports from './meeting-exports.js';

type MeetingChunk = typeof MeetingExports;

let chunk: Promise<MeetingChunk> | null = null;

export function loadMeeting(): Promise<MeetingChunk> {
  chunk ??= import('./meeting-exports.js');
  return chunk;
}

export function preloadMeeting(): void {
  void loadMeeting().catch(() => {
    // Loading again on demand shows the real error where it matters.
    chunk = null;
  });
}
