// In-page measurements for the history benchmark, as plain JavaScript strings (tsx would name
// functions with a helper the page does not have; see support/page-probe.ts).

/** Clicks History and resolves with ms from the click to the frame after the first row shows. */
export const FIRST_PAINT = String.raw`
new Promise((resolve) => {
  const button = [...document.querySelectorAll('button')].find((b) => b.textContent.trim() === 'History');
  const t0 = performance.now();
  button.click();
  const poll = () => {
    const row = document.querySelector('[role=feed] article');
    // The rAF after the rows are in the DOM runs before that frame is painted; the next one runs
    // after it, so its time is when the rows were on screen.
    if (row) requestAnimationFrame(() => requestAnimationFrame(() => resolve({
      ms: performance.now() - t0,
      rows: document.querySelectorAll('[role=feed] article').length,
    })));
    else requestAnimationFrame(poll);
  };
  requestAnimationFrame(poll);
})
`;

/** Scrolls the list at a steady speed for durationMs (or until `untilRows` rows are loaded and the
 *  end is reached), recording frame intervals and long tasks. */
export function scrollRun(durationMs: number, pxPerSecond: number, untilRows = 0): string {
  return String.raw`
new Promise((resolve) => {
  const feed = document.querySelector('[role=feed]');
  // virtua's VList renders one scrolling element inside the feed.
  const scroller = [...feed.querySelectorAll('*')].find((el) => {
    const s = getComputedStyle(el);
    return s.overflowY === 'auto' || s.overflowY === 'scroll';
  });
  const longTasks = [];
  const observer = new PerformanceObserver((list) => {
    for (const e of list.getEntries()) longTasks.push(e.duration);
  });
  observer.observe({ type: 'longtask' });
  const intervals = [];
  const start = performance.now();
  let last = start;
  const startTop = scroller.scrollTop;
  const loaded = () => Number((document.querySelector('.count')?.textContent.match(/of (\d+)/) || [])[1]);
  const atEnd = () => scroller.scrollTop + scroller.clientHeight >= scroller.scrollHeight - 2;
  const step = (now) => {
    intervals.push(now - last);
    last = now;
    scroller.scrollTop = startTop + ((now - start) / 1000) * ${pxPerSecond};
    const done = ${untilRows} > 0 && loaded() >= ${untilRows} && atEnd();
    if (now - start < ${durationMs} && !done) requestAnimationFrame(step);
    else {
      observer.disconnect();
      resolve({
        intervals: intervals.slice(1),
        longTasks,
        scrolledPx: scroller.scrollTop - startTop,
        rowsLoaded: loaded(),
        ms: performance.now() - start,
      });
    }
  };
  requestAnimationFrame((now) => { last = now; requestAnimationFrame(step); });
})
`;
}
