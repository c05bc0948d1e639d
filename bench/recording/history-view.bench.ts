// The history view with 10,000 meetings: the real app server's database seeded with 10,000 call
// detail records of bob's (seed-cdr.ts), the web client in Debian's Chromium signed in as bob.
// Prints the time from clicking History to the first rows on screen (and how many records the
// view had fetched by then), and frame intervals (median, p95, max) and long tasks while the list
// scrolls at a steady speed, which also pages in more records from the server as it goes.
// BENCH_SCROLL_MS (5000) and BENCH_SCROLL_PX_S (3000) set the scroll run; BENCH_MEETINGS (10000).
import { chromium } from '@playwright/test';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { build } from 'vite';
import { REPO_ROOT, startStack } from '../../scripts/stack/stack.js';
import { chromiumArgs, chromiumPath } from '../../test/e2e/chromium.js';
import { FIRST_PAINT, scrollRun } from './history-probe.js';
import { seedMeetings, userByName } from '../../test/support/seed-cdr.js';

const MEETINGS = Number(process.env.BENCH_MEETINGS ?? 10_000);
const SCROLL_MS = Number(process.env.BENCH_SCROLL_MS ?? 5_000);
const SCROLL_PX_S = Number(process.env.BENCH_SCROLL_PX_S ?? 3_000);
const RUNS = 3;

const load = () =>
  `load ${loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')}`;
const pct = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? NaN;

async function login(appUrl: string, username: string): Promise<string> {
  const res = await fetch(`${appUrl}/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: 'convene-demo' }),
  });
  if (!res.ok) throw new Error(`login: HTTP ${res.status}`);
  return ((await res.json()) as { accessToken: string }).accessToken;
}

async function createRooms(appUrl: string, token: string, count: number): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const res = await fetch(`${appUrl}/rooms`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ title: `Team sync ${i + 1}` }),
    });
    if (!res.ok) throw new Error(`rooms: HTTP ${res.status} ${await res.text()}`);
    ids.push(((await res.json()) as { id: string }).id);
  }
  return ids;
}

await build({ configFile: join(REPO_ROOT, 'renderer', 'vite.config.ts'), logLevel: 'warn' });
const stack = await startStack({ mode: 'test', seedUsers: true, appEnv: { CONVENE_LOG_LEVEL: 'warn' } });
const browser = await chromium.launch({ executablePath: chromiumPath(), args: chromiumArgs() });
try {
  const bob = await userByName(stack.dataDir, 'bob');
  const roomIds = await createRooms(stack.appUrl, await login(stack.appUrl, 'bob'), 25);
  const seeded = performance.now();
  // Zelda was only in the oldest meeting: the person search must find it on the server.
  const others = new Map([[MEETINGS - 1, [{ id: 'guest-zelda', name: 'Zelda Quinn' }]]]);
  await seedMeetings({ dataDir: stack.dataDir, viewer: bob, roomIds, count: MEETINGS, others });
  console.log(
    `Seeded ${MEETINGS} meetings (${roomIds.length} rooms, 3–4 people each) in ${((performance.now() - seeded) / 1000).toFixed(1)} s.`,
  );

  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  const fetched: number[] = [];
  page.on('response', (res) => {
    if (new URL(res.url()).pathname === '/cdr/sessions') {
      void res
        .json()
        .then((body: { sessions: unknown[] }) => fetched.push(body.sessions.length))
        .catch(() => undefined);
    }
  });
  await page.goto(stack.appUrl);
  await page.getByLabel('Username').fill('bob');
  await page.getByLabel('Password').fill('convene-demo');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { name: /Good to see you/ }).waitFor();

  console.log(`History list, ${MEETINGS} meetings on the server, 1280×800:`);
  for (let run = 1; run <= RUNS; run++) {
    fetched.length = 0;
    const paint = (await page.evaluate(FIRST_PAINT)) as { ms: number; rows: number };
    const records = fetched.reduce((a, b) => a + b, 0);
    console.log(
      `  run ${run}: click → first rows on screen ${paint.ms.toFixed(0)} ms (${paint.rows} rows in the DOM, ` +
        `${records} records fetched in ${fetched.length} request(s))  [${load()}]`,
    );
    if (run === 1) await page.screenshot({ path: 'test-results/screenshots/history-bench-10k.png' });
    await page.getByRole('button', { name: 'Meetings' }).click();
    await page.getByRole('heading', { name: /Good to see you/ }).waitFor();
  }

  // Search by person: the server's answer alone, then typing → the one row shown.
  const token = await login(stack.appUrl, 'bob');
  for (const person of ['zelda', 'liskov']) {
    const times: number[] = [];
    let found = 0;
    for (let i = 0; i < 5; i++) {
      const started = performance.now();
      const res = await fetch(`${stack.appUrl}/cdr/sessions?limit=200&person=${person}`, {
        headers: { authorization: `Bearer ${token}` },
      });
      found = ((await res.json()) as { sessions: unknown[] }).sessions.length;
      times.push(performance.now() - started);
    }
    times.sort((a, b) => a - b);
    console.log(
      `  GET /cdr/sessions?person=${person} (${found} in the first page): median ${pct(times, 0.5).toFixed(0)} ms, ` +
        `max ${(times.at(-1) ?? NaN).toFixed(0)} ms over 5  [${load()}]`,
    );
  }
  await page.evaluate(FIRST_PAINT);
  for (let run = 1; run <= RUNS; run++) {
    const started = performance.now();
    await page.getByRole('searchbox').fill('zelda');
    await page.getByText(/^1 of 201 meetings/).waitFor();
    console.log(
      `  search run ${run}: typing "zelda" → the oldest meeting shown ${(performance.now() - started).toFixed(0)} ms ` +
        `(250 ms of it the debounce)  [${load()}]`,
    );
    await page.getByRole('searchbox').fill('');
    await page.getByText(/^200 of 200 meetings/).waitFor();
  }
  await page.waitForTimeout(1_000);
  const runs = [
    ...Array.from({ length: RUNS }, (_, i) => ({
      label: `scroll ${i + 1}`,
      ms: SCROLL_MS,
      speed: SCROLL_PX_S,
      until: 0,
    })),
    // Then on to the end, paging in every record: what the merge of a growing list costs.
    { label: 'to the end', ms: 120_000, speed: 40_000, until: MEETINGS },
  ];
  for (const run of runs) {
    const result = (await page.evaluate(scrollRun(run.ms, run.speed, run.until))) as {
      intervals: number[];
      longTasks: number[];
      scrolledPx: number;
      rowsLoaded: number;
      ms: number;
    };
    const sorted = [...result.intervals].sort((a, b) => a - b);
    const over = (ms: number) => result.intervals.filter((i) => i > ms).length;
    console.log(
      `  ${run.label} (${(result.ms / 1000).toFixed(1)} s at ${run.speed} px/s, ${result.scrolledPx.toFixed(0)} px, ` +
        `${result.rowsLoaded} rows loaded): ${result.intervals.length} frames, interval median ` +
        `${pct(sorted, 0.5).toFixed(1)} ms, p95 ${pct(sorted, 0.95).toFixed(1)} ms, max ${(sorted.at(-1) ?? NaN).toFixed(1)} ms; ` +
        `frames over 33 ms ${over(33.4)}; long tasks ${result.longTasks.length}` +
        `${result.longTasks.length ? ` (max ${Math.max(...result.longTasks).toFixed(0)} ms)` : ''}  [${load()}]`,
    );
  }
} finally {
  await browser.close();
  await stack.stop();
}
