// Chat over LiveKit text streams (reliable, ordered) on one topic, with an unread count.
import type { Room } from 'livekit-client';
import { CHAT_TOPIC, cleanChatText, nextUnread, type ChatMessage } from './chat-message.js';

const MAX_KEPT = 500;

export class ChatLog {
  messages = $state<ChatMessage[]>([]);
  unread = $state(0);
  open = $state(false);
  #next = 1;

  constructor(private readonly room: Room) {
    room.registerTextStreamHandler(CHAT_TOPIC, (reader, from) => {
      void reader.readAll().then((raw) => {
        const text = cleanChatText(raw);
        const sender = room.remoteParticipants.get(from.identity);
        if (text)
          this.#add({
            fromIdentity: from.identity,
            fromName: sender?.name || from.identity,
            text,
            mine: false,
          });
      });
    });
  }

  async send(raw: string): Promise<boolean> {
    const text = cleanChatText(raw);
    if (!text) return false;
    await this.room.localParticipant.sendText(text, { topic: CHAT_TOPIC });
    const me = this.room.localParticipant;
    this.#add({ fromIdentity: me.identity, fromName: me.name || me.identity, text, mine: true });
    return true;
  }

  setOpen(open: boolean): void {
    this.open = open;
    if (open) this.unread = 0;
  }

  #add(message: Omit<ChatMessage, 'id' | 'sentAt'>): void {
    const full: ChatMessage = { ...message, id: String(this.#next++), sentAt: Date.now() };
    this.messages = [...this.messages.slice(-(MAX_KEPT - 1)), full];
    this.unread = nextUnread(this.unread, full, this.open);
  }
}
