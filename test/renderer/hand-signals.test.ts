import { describe, expect, it } from 'vitest';
import { decodeHand, encodeHand } from '../../renderer/src/room/hand-signals.js';

describe('hand signals', () => {
  it('round-trips and rejects anything else', () => {
    expect(decodeHand(encodeHand(true))).toBe(true);
    expect(decodeHand(encodeHand(false))).toBe(false);
    expect(decodeHand(new Uint8Array([0x32]))).toBeNull();
    expect(decodeHand(new Uint8Array([0x31, 0x31]))).toBeNull();
  });
});
