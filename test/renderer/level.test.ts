import { describe, expect, it } from 'vitest';
import { rmsToLevel } from '../../renderer/src/room/level.js';

describe('microphone level', () => {
  it('maps silence to 0, full scale to 1, and is monotonic in between', () => {
    expect(rmsToLevel(0)).toBe(0);
    expect(rmsToLevel(1)).toBe(1);
    expect(rmsToLevel(0.0001)).toBe(0);
    expect(rmsToLevel(0.01)).toBeLessThan(rmsToLevel(0.1));
  });
});
