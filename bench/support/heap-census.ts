// A census of a page's JS heap: a DevTools heap snapshot counted by constructor (count and
// self size), and the difference of two censuses, largest growth first. Used to find what a
// leak benchmark's growth is made of.
import type { CDPSession } from '@playwright/test';

export type Census = Map<string, { count: number; bytes: number }>;

interface Snapshot {
  snapshot: { meta: { node_fields: string[]; node_types: [string[], ...unknown[]] } };
  nodes: number[];
  strings: string[];
}

export async function heapCensus(cdp: CDPSession): Promise<Census> {
  const chunks: string[] = [];
  const onChunk = ({ chunk }: { chunk: string }) => chunks.push(chunk);
  cdp.on('HeapProfiler.addHeapSnapshotChunk', onChunk);
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.send('HeapProfiler.takeHeapSnapshot', { reportProgress: false });
  cdp.off('HeapProfiler.addHeapSnapshotChunk', onChunk);
  const heap = JSON.parse(chunks.join('')) as Snapshot;
  const fields = heap.snapshot.meta.node_fields;
  const [typeAt, nameAt, sizeAt] = ['type', 'name', 'self_size'].map((f) => fields.indexOf(f)) as [
    number,
    number,
    number,
  ];
  const types = heap.snapshot.meta.node_types[0];
  const census: Census = new Map();
  for (let i = 0; i < heap.nodes.length; i += fields.length) {
    const type = types[heap.nodes[i + typeAt]!] ?? '?';
    // Code is named by its content: grouped by type alone; a string by its first characters.
    const raw = heap.strings[heap.nodes[i + nameAt]!] ?? '';
    const name = type === 'code' || type === 'hidden' ? '' : type === 'string' ? JSON.stringify(raw.slice(0, 40)) : raw;
    const key = `${type}${name ? ` ${name}` : ''}`;
    const entry = census.get(key) ?? { count: 0, bytes: 0 };
    entry.count += 1;
    entry.bytes += heap.nodes[i + sizeAt]!;
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
