import { describe, expect, it } from 'vitest';
import { playoutDelayFromEnv } from '../../bench/support/playout-delay.js';

describe('playoutDelayFromEnv', () => {
  it('reads min,max in ms and is absent when unset', () => {
    expect(playoutDelayFromEnv('0,400')).toEqual({ minMs: 0, maxMs: 400 });
    expect(playoutDelayFromEnv(' 0,0 ')).toEqual({ minMs: 0, maxMs: 0 });
    expect(playoutDelayFromEnv(undefined)).toBeUndefined();
    expect(playoutDelayFromEnv('')).toBeUndefined();
  });

  it('refuses anything else with the value in the message', () => {
    for (const bad of ['400,0', '0', '0,abc', '-1,10', '0;400']) {
      expect(() => playoutDelayFromEnv(bad)).toThrow(`"${bad}"`);
    }
  });
});
