// Ring latency: from placing a call (bob's POST /calls, as his client sends it) to the ring
// banner on screen in carol's web client, through the app server's push channel. 20 calls, each
// cancelled once it rang. Real parts only: the web client served by a local stack's app server,
// Debian's Chromium. Both clocks are this machine's, so the page's Date.now() at render and
// ours before the request compare directly. Target: median ≤ 500 ms.
import { chromium } from '@playwright/test';
import { join } from 'node:path';
import { build } from 'vite';
import type { Session } from '../../common/api.js';
import type { CallView } from '../../common/calls.js';
import { REPO_ROOT, startStack } from '../../scripts/stack/stack.js';
import { chromiumArgs, chromiumPath } from '../../test/e2e/chromium.js';

const CALLS = Number(process.env.BENCH_CALLS ?? 20);
const TARGET_MEDIAN_MS = 500;

await build({ configFile: join(REPO_ROOT, 'renderer', 'vite.config.ts'), logLevel: 'warn' });
const stack = await startStack({ mode: 'test', seedUsers: true, appEnv: { CONVENE_LOG_LEVEL: 'warn' } });
const browser = await chromium.launch({ executablePath: chromiumPath(), args: chromiumArgs() });
try {
  const post = async <T>(path: string, body: unknown, token?: string): Promise<T> => {
    const res = await fetch(`${stack.appUrl}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify(body),
    });
    if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
    return (await res.json()) as T;
  };
  const bob = await post<Session>('/auth/login', { username: 'bob', password: 'convene-demo' });
  const page = await (await browser.newContext({ viewport: { width: 1280, height: 800 } })).newPage();
  await page.goto(stack.appUrl);
  await page.getByLabel('Username').fill('carol');
  await page.getByLabel('Password').fill('convene-demo');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { name: /Good to see you/ }).waitFor();
  // Signed in: the push channel connects right after; give it a moment before the first call.
  await page.waitForTimeout(1000);
  const people = (await (
    await fetch(`${stack.appUrl}/people?q=carol`, { headers: { authorization: `Bearer ${bob.accessToken}` } })
  ).json()) as { people: Array<{ id: string; presence: string }> };
  const carol = people.people[0];
  if (!carol || carol.presence !== 'available')
    throw new Error(`carol is not online: ${JSON.stringify(people)}`);

  const samples: number[] = [];
  for (let i = 0; i < CALLS; i++) {
    const placedAt = Date.now();
    const call = await post<CallView>('/calls', { callees: [carol.id], video: false }, bob.accessToken);
    const handle = await page.waitForFunction(
      (id) => performance.getEntriesByName(`convene:ring-shown:${id}`)[0] as { detail: unknown } | undefined,
      call.id,
      { timeout: 10_000 },
    );
    const shownAt = (await handle.evaluate((mark) => (mark as { detail: unknown }).detail)) as number;
    samples.push(shownAt - placedAt);
    await post(`/calls/${call.id}/cancel`, {}, bob.accessToken);
    await page.getByRole('alertdialog').waitFor({ state: 'detached' });
  }
  samples.sort((a, b) => a - b);
  const at = (q: number) => samples[Math.min(samples.length - 1, Math.floor(q * samples.length))] ?? NaN;
  console.log(`ring latency over ${CALLS} calls (POST /calls → banner on screen):`);
  console.log(`  median ${at(0.5)} ms, p90 ${at(0.9)} ms, min ${samples[0]} ms, max ${samples.at(-1)} ms`);
  console.log(`  target median ≤ ${TARGET_MEDIAN_MS} ms: ${at(0.5) <= TARGET_MEDIAN_MS ? 'met' : 'NOT met'}`);
} finally {
  await browser.close();
  await stack.stop();
}
