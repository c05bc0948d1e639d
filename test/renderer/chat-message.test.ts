import { describe, expect, it } from 'vitest';
import { cleanChatText, MAX_CHAT_LENGTH, nextUnread } from '../../renderer/src/room/chat-message.js';

describe('chat text', () => {
  it('trims, drops control characters and refuses empty messages', () => {
    expect(cleanChatText('  hi\u0007 there \n')).toBe('hi there');
    expect(cleanChatText('line one\nline two')).toBe('line one\nline two');
    expect(cleanChatText(' \u0000 ')).toBeNull();
  });

  it('bounds the length', () => {
    expect(cleanChatText('x'.repeat(MAX_CHAT_LENGTH + 50))).toHaveLength(MAX_CHAT_LENGTH);
  });

  it('counts unread only for others’ messages while the panel is closed', () => {
    expect(nextUnread(2, { mine: false }, false)).toBe(3);
    expect(nextUnread(2, { mine: true }, false)).toBe(2);
    expect(nextUnread(0, { mine: false }, true)).toBe(0);
  });
});
