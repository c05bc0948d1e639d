// Keyboard shortcuts in the room. One table drives both the key handling and the labels shown
// in the control bar's tooltips, so the two cannot drift apart.

export type ShortcutAction = 'toggleMic' | 'toggleCamera' | 'toggleShare' | 'toggleChat' | 'raiseHand';

export interface Shortcut {
  action: ShortcutAction;
  key: string;
  label: string;
}

export const SHORTCUTS: readonly Shortcut[] = [
  { action: 'toggleMic', key: 'd', label: 'Ctrl+D' },
  { action: 'toggleCamera', key: 'e', label: 'Ctrl+E' },
  { action: 'toggleShare', key: 's', label: 'Ctrl+Shift+S' },
  { action: 'toggleChat', key: 'c', label: 'Ctrl+Shift+C' },
  { action: 'raiseHand', key: 'h', label: 'Ctrl+Shift+H' },
];

export function shortcutLabel(action: ShortcutAction): string {
  return SHORTCUTS.find((s) => s.action === action)?.label ?? '';
}

export interface KeyLike {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  shiftKey: boolean;
  altKey: boolean;
  /** True when typing into a field, where letters must stay letters. */
  inTextField: boolean;
}

export function matchShortcut(event: KeyLike): ShortcutAction | null {
  if (event.inTextField || event.altKey || !(event.ctrlKey || event.metaKey)) return null;
  const key = event.key.toLowerCase();
  for (const shortcut of SHORTCUTS) {
    const wantsShift = shortcut.label.includes('Shift');
    if (shortcut.key === key && wantsShift === event.shiftKey) return shortcut.action;
  }
  return null;
}
