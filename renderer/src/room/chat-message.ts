// Chat messages travel as LiveKit text streams on one topic. Incoming text comes from other
// participants' clients, so it is checked here before it reaches the UI.

export const CHAT_TOPIC = 'convene.chat';
export const MAX_CHAT_LENGTH = 2000;

export interface ChatMessage {
  id: string;
  fromIdentity: string;
  fromName: string;
  text: string;
  sentAt: number;
  mine: boolean;
}

/** Trims and bounds a message; returns null for one that should not be sent or shown. */
export function cleanChatText(raw: string): string | null {
  // Control characters other than newline and tab would garble the transcript.
  // eslint-disable-next-line no-control-regex
  const text = raw.replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, '').trim();
  if (text.length === 0) return null;
  return text.length > MAX_CHAT_LENGTH ? text.slice(0, MAX_CHAT_LENGTH) : text;
}

/** Unread count after a message arrives: your own and those seen with the panel open don't count. */
export function nextUnread(unread: number, message: Pick<ChatMessage, 'mine'>, panelOpen: boolean): number {
  return message.mine || panelOpen ? unread : unread + 1;
}
