// A census of a page's JS heap: a DevTools heap snapshot counted by constructor (count and
// self size), and the difference of two censuses, largest growth first. Used to find what a
// leak benchmark's growth is made of.
import type { CDPSession } from '@playwright/test';
import { heapNodes } from '../../test/support/heap-snapshot.js';

export type Census = Map<string, { count: number; bytes: number }>;

export async function heapCensus(cdp: CDPSession): Promise<Census> {
  const census: Census = new Map();
  for (const { type, name: raw, selfSize } of await heapNodes(cdp)) {
    // Code is named by its content: grouped by type alone; a string by its first characters.
    const name =
      type === 'code' || type === 'hidden' ? '' : type === 'string' ? JSON.stringify(raw.slice(0, 40)) : raw;
    const key = `${type}${name ? ` ${name}` : ''}`;
    const entry = census.get(key) ?? { count: 0, bytes: 0 };
    entry.count += 1;
    entry.bytes += selfSize;
    census.set(key, entry);
  }
  return census;
}

export function censusGrowth(before: Census, after: Census, top = 15): string[] {
  const rows = [...after].map(([key, a]) => {
    const b = before.get(key) ?? { count: 0, bytes: 0 };
    return { key, count: a.count - b.count, bytes: a.bytes - b.bytes };
  });
  return rows
    .sort((x, y) => y.bytes - x.bytes)
    .slice(0, top)
    .map((r) => `  ${(r.bytes / 1024).toFixed(1).padStart(8)} KB  ${String(r.count).padStart(6)}×  ${r.key}`);
}
