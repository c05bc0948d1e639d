// What the tray shows for a meeting state: the icon and the menu items. A pure function, so
// the rules are tested without Electron; adapters/tray.ts only renders the result.
import type { MeetingState } from '../contract.js';

export type TrayIcon = 'idle' | 'meeting' | 'sharing' | 'muted';
export type TrayItemId = 'share-screen' | 'stop-sharing' | 'toggle-mute' | 'leave' | 'show' | 'quit';

export interface TrayItem {
  id: TrayItemId;
  label: string;
  enabled: boolean;
  visible: boolean;
}

export interface TrayModel {
  icon: TrayIcon;
  tooltip: string;
  items: TrayItem[];
}

export function trayModel(state: MeetingState): TrayModel {
  const { inMeeting, muted, sharing } = state;
  // Sharing matters most (the user must know the screen is visible), then muted, then in a call.
  const icon: TrayIcon = !inMeeting ? 'idle' : sharing ? 'sharing' : muted ? 'muted' : 'meeting';
  const tooltip = !inMeeting
    ? 'Convene'
    : `Convene: in a meeting${muted ? ', muted' : ''}${sharing ? ', sharing your screen' : ''}`;
  return {
    icon,
    tooltip,
    items: [
      { id: 'share-screen', label: 'Share screen…', enabled: inMeeting && !sharing, visible: !sharing },
      { id: 'stop-sharing', label: 'Stop sharing', enabled: inMeeting && sharing, visible: sharing },
      { id: 'toggle-mute', label: muted ? 'Unmute' : 'Mute', enabled: inMeeting, visible: true },
      { id: 'leave', label: 'Leave meeting', enabled: inMeeting, visible: true },
      { id: 'show', label: 'Show Convene', enabled: true, visible: true },
      { id: 'quit', label: 'Quit', enabled: true, visible: true },
    ],
  };
}

/** Closing the window during a meeting hides it to the tray instead of dropping the call. */
export function closeAction(state: MeetingState, quitting: boolean): 'hide' | 'close' {
  return state.inMeeting && !quitting ? 'hide' : 'close';
}
