// The click on Join opens LiveKit's signal socket a few microtasks into `room.connect`. Work the
// click also causes but the join does not wait for (taking down the lobby's preview, mounting the
// meeting view, telling the server about presence) waits for the next task, so the socket is
// created first (measured by bench/join: its `ws-created` step).
//
// One promise for everything a click defers, so the lobby's preview is taken down and the meeting
// view replaces the lobby in the same task: no frame is painted in between.
let next: Promise<void> | null = null;

export function afterJoinStarts(): Promise<void> {
  next ??= new Promise((resolve) =>
    setTimeout(() => {
      next = null;
      resolve();
    }, 0),
  );
  return next;
}
