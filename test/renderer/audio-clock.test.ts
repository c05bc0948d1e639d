// The recording's audio timeline: the samples' own clock, set again when a sample is off.
import { describe, expect, it } from 'vitest';
import { AudioClock } from '../../renderer/src/recording/audio-clock.js';

const TEN_MS = 0.01;

describe('AudioClock', () => {
  it('follows the samples own clock once set, gaps included', () => {
    const clock = new AudioClock();
    expect(clock.place(100, TEN_MS, 0.5)).toBeCloseTo(0.49);
    // Read late in a batch: their own times, not the time they were read.
    expect(clock.place(100.01, TEN_MS, 0.9)).toBeCloseTo(0.5);
    expect(clock.place(100.02, TEN_MS, 0.9)).toBeCloseTo(0.51);
    // 300 ms the browser dropped stay a gap.
    expect(clock.place(100.33, TEN_MS, 0.95)).toBeCloseTo(0.82);
  });

  it('a first sample from another time base does not put the rest seconds off', () => {
    const clock = new AudioClock();
    // Seen in Chromium: 10.86 s, then 1.4475 s, 1.4756 s… on the samples' own clock.
    expect(clock.place(10.8556, TEN_MS, 0.424)).toBeCloseTo(0.414);
    const second = clock.place(1.4475, TEN_MS, 0.522);
    expect(second).toBeCloseTo(0.512);
    expect(clock.place(1.4575, TEN_MS, 0.526)).toBeCloseTo(second + 0.01);
  });

  it('never goes back, and never into the future', () => {
    const clock = new AudioClock();
    clock.place(5, TEN_MS, 1);
    const end = clock.place(5.01, TEN_MS, 1.01) + TEN_MS;
    expect(clock.place(4, TEN_MS, 1.02)).toBeGreaterThanOrEqual(end);
    // Its own clock jumps 3 s ahead: set again, at the wall clock.
    expect(clock.place(8.5, TEN_MS, 1.5)).toBeCloseTo(1.49);
  });

  it('samples read a second and more late keep their own times', () => {
    const clock = new AudioClock();
    clock.place(20, TEN_MS, 0.2);
    expect(clock.place(20.01, TEN_MS, 1.8)).toBeCloseTo(0.2);
    expect(clock.place(21, TEN_MS, 1.81)).toBeCloseTo(1.19);
  });
});
