// The meeting and the desktop around it: the tray shows whether you are in a meeting, muted or
// sharing, and its menu acts on the meeting. In a browser the Platform simply never sends
// tray commands and ignores the state.
import type { TrayCommand } from '../../../electron/contract.js';
import type { Platform } from '../platform/platform.js';

/** The part of the session the tray acts on. */
export interface TrayTarget {
  readonly status: string;
  readonly micOn: boolean;
  readonly sharing: boolean;
  toggleMic(): Promise<void>;
  toggleShare(): Promise<void>;
  leave(): Promise<void>;
}

export async function runTrayCommand(session: TrayTarget, command: TrayCommand): Promise<void> {
  switch (command) {
    case 'toggle-mute':
      return session.toggleMic();
    case 'share-screen':
      if (!session.sharing) await session.toggleShare();
      return;
    case 'stop-sharing':
      if (session.sharing) await session.toggleShare();
      return;
    case 'leave':
      return session.leave();
    default: {
      const unknown: never = command;
      throw new Error(`unknown tray command: ${String(unknown)}`);
    }
  }
}

/** Wires one meeting to the tray until the returned function is called. */
export function connectDesktop(platform: Platform, session: TrayTarget): () => void {
  const report = (state: { inMeeting: boolean; muted: boolean; sharing: boolean }) =>
    void platform.invoke('meeting.state', state).catch(() => undefined);
  const offTray = platform.on('tray.command', (command) => {
    // The session shows its own errors (toasts); what is left is a command this build lacks.
    runTrayCommand(session, command).catch((err: unknown) => console.error('tray command failed:', err));
  });
  const stopEffects = $effect.root(() => {
    $effect(() =>
      report({
        inMeeting: session.status !== 'disconnected',
        muted: !session.micOn,
        sharing: session.sharing,
      }),
    );
  });
  return () => {
    offTray();
    stopEffects();
    report({ inMeeting: false, muted: false, sharing: false });
  };
}
