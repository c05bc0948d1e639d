// BENCH_BROWSER_FLAGS: Chromium switches a benchmark adds for an experiment, e.g.
// `--disable-rtc-smoothness-algorithm`, which the desktop app sets
// (electron/adapters/video-presentation.ts). Each must look like a switch, so a typo is refused
// before a run rather than passed to Chromium as a page to open.
export function extraBrowserFlags(value = process.env.BENCH_BROWSER_FLAGS ?? ''): string[] {
  const flags = value.split(/\s+/).filter(Boolean);
  const bad = flags.find((f) => !/^--[a-z0-9-]+(=\S+)?$/i.test(f));
  if (bad) throw new Error(`BENCH_BROWSER_FLAGS: ${bad} is not a --switch or --switch=value`);
  return flags;
}
