// Where the renderer's main thread spends its time, from a V8 CPU profile (DevTools Profiler):
// self time per function and per source (our code, Svelte, livekit-client, the browser's own
// work such as layout and paint, shown as "(program)", and garbage collection).

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
}
export interface Profile {
  nodes: Array<{ id: number; callFrame: CallFrame; hitCount?: number }>;
  startTime: number;
  endTime: number;
  samples?: number[];
  timeDeltas?: number[];
}

function sourceOf(frame: CallFrame): string {
  if (!frame.url) return frame.functionName.startsWith('(') ? frame.functionName : '(native)';
  if (/livekit/i.test(frame.url)) return 'livekit-client';
  if (/svelte/i.test(frame.url)) return 'svelte';
  return frame.url.split('/').pop() ?? frame.url;
}

/** Self time (ms) per node id, from the samples and their time deltas. */
function selfTimes(profile: Profile): Map<number, number> {
  const times = new Map<number, number>();
  const samples = profile.samples ?? [];
  const deltas = profile.timeDeltas ?? [];
  for (let i = 0; i < samples.length; i += 1) {
    // A sample's time is the gap to the next one.
    const ms = (deltas[i + 1] ?? 0) / 1000;
    const id = samples[i] ?? -1;
    times.set(id, (times.get(id) ?? 0) + ms);
  }
  return times;
}

export function printProfile(
  profile: Profile,
  processShare: number,
  mainThreadShare: number,
  label = '49 in grid',
): void {
  const wallMs = (profile.endTime - profile.startTime) / 1000;
  const times = selfTimes(profile);
  const byFunction = new Map<string, number>();
  const bySource = new Map<string, number>();
  for (const node of profile.nodes) {
    const ms = times.get(node.id) ?? 0;
    if (ms === 0) continue;
    const { functionName, url, lineNumber } = node.callFrame;
    const source = sourceOf(node.callFrame);
    const file = url ? `${url.split('/').pop()}:${lineNumber + 1}` : '';
    const name = `${functionName || '(anonymous)'} ${file}`.trim();
    byFunction.set(name, (byFunction.get(name) ?? 0) + ms);
    bySource.set(source, (bySource.get(source) ?? 0) + ms);
  }
  const pct = (ms: number) => `${((ms / wallMs) * 100).toFixed(1).padStart(5)} %`;
  console.log(
    `\n  Where the CPU goes (${label}): renderer process ${(processShare * 100).toFixed(0)} % of a core (CPU time); ` +
      `main-thread tasks ${(mainThreadShare * 100).toFixed(0)} % of wall time. The renderer's other threads decode ` +
      `video, composite and run WebRTC.\n  Main thread by source, from a V8 CPU profile (share of the window; ` +
      `"(program)" is the browser's native work on that thread: media, style, paint, not JavaScript):`,
  );
  for (const [source, ms] of [...bySource].sort((a, b) => b[1] - a[1]).slice(0, 10))
    console.log(`    ${pct(ms)}  ${source}`);
  console.log('  Main thread, top functions by self time:');
  for (const [name, ms] of [...byFunction].sort((a, b) => b[1] - a[1]).slice(0, 15))
    console.log(`    ${pct(ms)}  ${name}`);
  console.log('');
}
