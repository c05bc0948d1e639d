// Where the joiner's main thread is busy between the click and the first frame: a Chromium
// trace (CDP Tracing) of each measured join, its renderer main-thread tasks over 2 ms listed
// against the User Timing marks (convene:* and the transport probe's probe:*). Optional
// (BENCH_JOIN_TRACE=1): tracing costs the page a little time of its own.
import type { CDPSession, Page } from '@playwright/test';

interface TraceEvent {
  name: string;
  ph: string;
  ts: number;
  dur?: number;
  pid: number;
  tid: number;
  cat: string;
  args?: { name?: string; data?: { functionName?: string; url?: string } };
}

export async function startTrace(page: Page): Promise<CDPSession> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Tracing.start', {
    categories: 'devtools.timeline,blink.user_timing,v8.execute,disabled-by-default-devtools.timeline',
    transferMode: 'ReportEvents',
  });
  return cdp;
}

export async function stopTrace(cdp: CDPSession): Promise<TraceEvent[]> {
  const events: TraceEvent[] = [];
  cdp.on('Tracing.dataCollected', ({ value }) => events.push(...(value as unknown as TraceEvent[])));
  const done = new Promise<void>((resolve) => cdp.once('Tracing.tracingComplete', () => resolve()));
  await cdp.send('Tracing.end');
  await done;
  await cdp.detach();
  return events;
}

/** One line per main-thread task over 2 ms and per mark, in ms after the click. */
export function mainThreadTimeline(events: TraceEvent[]): string[] {
  const click = events.find((e) => e.name === 'convene:join-click');
  const frame = events.find((e) => e.name === 'convene:first-remote-frame');
  if (!click || !frame) return ['(no click or first frame in the trace)'];
  const mainTid = events.find(
    (e) =>
      e.ph === 'M' && e.name === 'thread_name' && e.pid === click.pid && e.args?.name === 'CrRendererMain',
  )?.tid;
  const onMain = events.filter((e) => e.pid === click.pid && e.tid === mainTid);
  const within = (e: TraceEvent) => e.ts >= click.ts - 1000 && e.ts <= frame.ts;
  const lines: Array<[number, string]> = [];
  let busy = 0;
  for (const task of onMain.filter((e) => e.name === 'RunTask' && e.ph === 'X' && within(e))) {
    const dur = (task.dur ?? 0) / 1000;
    busy += dur;
    if (dur < 2) continue;
    const end = task.ts + (task.dur ?? 0);
    const calls = onMain
      .filter(
        (e) => e.ph === 'X' && e.ts >= task.ts && e.ts < end && (e.dur ?? 0) > 1000 && e.name !== 'RunTask',
      )
      .slice(0, 4)
      .map(
        (e) =>
          `${e.name}${e.args?.data?.functionName ? `(${e.args.data.functionName})` : ''} ${((e.dur ?? 0) / 1000).toFixed(1)}`,
      );
    lines.push([task.ts, `task ${dur.toFixed(1)} ms: ${calls.join(', ')}`]);
  }
  for (const mark of events.filter(
    (e) => e.cat.includes('blink.user_timing') && within(e) && e.pid === click.pid,
  ))
    lines.push([mark.ts, `mark ${mark.name}`]);
  lines.sort((a, b) => a[0] - b[0]);
  return [
    `main thread busy ${busy.toFixed(0)} ms of ${((frame.ts - click.ts) / 1000).toFixed(0)} ms`,
    ...lines.map(([ts, text]) => `${((ts - click.ts) / 1000).toFixed(1).padStart(7)}  ${text}`),
  ];
}
