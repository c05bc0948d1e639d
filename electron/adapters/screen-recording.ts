// What to tell a macOS user whose screen cannot be recorded. Pure, so it is tested without
// Electron; adapters/media-access.ts reads the status and shows the message.
export type MacAccessStatus = 'not-determined' | 'granted' | 'denied' | 'restricted' | 'unknown';

/** The sentence to show for a screen-recording status, or undefined when sharing can go ahead. */
export function screenRecordingMessage(status: MacAccessStatus): string | undefined {
  switch (status) {
    case 'granted':
    case 'not-determined': // macOS shows its own prompt on first capture
      return undefined;
    case 'denied':
    case 'unknown':
      return 'Convene is not allowed to record your screen. Allow it in System Settings › Privacy & Security › Screen & System Audio Recording, then restart Convene.';
    case 'restricted':
      return 'Screen recording is blocked on this Mac by a device policy; ask your IT department.';
    default: {
      const unexpected: never = status;
      return `Unexpected screen-recording status ${String(unexpected)}.`;
    }
  }
}
