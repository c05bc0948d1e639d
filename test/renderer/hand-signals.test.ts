import { describe, expect, it } from 'vitest';
import { decodeHand, encodeHand, HandSignals } from '../../renderer/src/room/hand-signals.js';

describe('hand signals', () => {
  it('round-trips and rejects anything else', () => {
    expect(decodeHand(encodeHand(true))).toBe(true);
    expect(decodeHand(encodeHand(false))).toBe(false);
    expect(decodeHand(new Uint8Array([0x32]))).toBeNull();
    expect(decodeHand(new Uint8Array([0x31, 0x31]))).toBeNull();
  });

  it('tracks hands raised by message or by attribute', () => {
    const hands = new HandSignals();
    expect(hands.receive('a', true)).toBe(true);
    expect(hands.receive('a', true)).toBe(false);
    expect(hands.isRaised('a', {})).toBe(true);
    expect(hands.isRaised('b', { hand: '1' })).toBe(true);
    hands.forget('a');
    expect(hands.isRaised('a', {})).toBe(false);
  });
});
