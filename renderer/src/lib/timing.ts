// User Timing marks for the join benchmark (bench/join): from the click on Join to the first
// decoded frame of someone else's video. Marks cost nothing when nobody reads them.
export const JOIN_CLICK = 'convene:join-click';
export const FIRST_REMOTE_FRAME = 'convene:first-remote-frame';

export function markJoinClick(): void {
  performance.clearMarks(JOIN_CLICK);
  performance.clearMarks(FIRST_REMOTE_FRAME);
  performance.mark(JOIN_CLICK);
}

/** Call for remote video only; marks the first frame decoded after the latest join click. */
export function markFirstRemoteFrame(video: HTMLVideoElement): void {
  if (performance.getEntriesByName(FIRST_REMOTE_FRAME).length > 0) return;
  video.requestVideoFrameCallback(() => {
    if (performance.getEntriesByName(FIRST_REMOTE_FRAME).length === 0) performance.mark(FIRST_REMOTE_FRAME);
  });
}
