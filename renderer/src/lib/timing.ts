// User Timing marks along the join path, read by the join benchmark (bench/join): from the click
// on Join to the first decoded frame of someone else's video, with the steps in between. Each
// step is marked once per join; marks cost nothing when nobody reads them.
export const JOIN_STEPS = [
  'convene:join-click',
  'convene:join-granted',
  'convene:connecting',
  'convene:signal-connected',
  'convene:connected',
  'convene:first-remote-track',
  'convene:first-remote-frame',
] as const;
export type JoinStep = (typeof JOIN_STEPS)[number];

export function markJoinClick(): void {
  for (const step of JOIN_STEPS) performance.clearMarks(step);
  performance.mark('convene:join-click');
}

/** Marks a step of the current join, unless it was already marked. */
export function markJoinStep(step: JoinStep): void {
  if (performance.getEntriesByName(step).length === 0) performance.mark(step);
}

/** Call for remote video only; marks the first frame decoded after the latest join click. */
export function markFirstRemoteFrame(video: HTMLVideoElement): void {
  if (performance.getEntriesByName('convene:first-remote-frame').length > 0) return;
  video.requestVideoFrameCallback(() => markJoinStep('convene:first-remote-frame'));
}

/** Marks when the ring of a call was on screen, with the wall-clock time in `detail`, for the
 *  calls benchmark (bench/calls), which compares it with when the call was placed. */
export function markRingShown(callId: string): void {
  performance.mark(`convene:ring-shown:${callId}`, { detail: Date.now() });
}
