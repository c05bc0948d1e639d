// Pure arithmetic of the microphone meter (unit-tested; level-meter.ts feeds it samples).

/** Maps RMS amplitude to 0..1 on a decibel scale (-60 dB silent, 0 dB full). */
export function rmsToLevel(rms: number): number {
  if (rms <= 0) return 0;
  const db = 20 * Math.log10(rms);
  return Math.min(1, Math.max(0, (db + 60) / 60));
}
