// A DevTools heap snapshot of a page, taken after a full garbage collection, and a walk over its
// nodes with the fields a caller asks for. Used by the leak benchmark's census
// (bench/support/heap-census.ts) and the end-to-end leak test (test/e2e/meeting-leaks.spec.ts).
import type { CDPSession } from '@playwright/test';

interface Snapshot {
  snapshot: { meta: { node_fields: string[]; node_types: [string[], ...unknown[]] } };
  nodes: number[];
  strings: string[];
}

export interface HeapNode {
  /** 'native', 'code', 'string', 'object', … */
  type: string;
  name: string;
  selfSize: number;
  /** V8's detachedness: 2 for a DOM node out of the document. */
  detachedness: number;
}

export async function heapNodes(cdp: CDPSession): Promise<HeapNode[]> {
  const chunks: string[] = [];
  const onChunk = ({ chunk }: { chunk: string }) => chunks.push(chunk);
  cdp.on('HeapProfiler.addHeapSnapshotChunk', onChunk);
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.send('HeapProfiler.takeHeapSnapshot', { reportProgress: false });
  cdp.off('HeapProfiler.addHeapSnapshotChunk', onChunk);
  const heap = JSON.parse(chunks.join('')) as Snapshot;
  const fields = heap.snapshot.meta.node_fields;
  const [typeAt, nameAt, sizeAt, detachedAt] = ['type', 'name', 'self_size', 'detachedness'].map((f) =>
    fields.indexOf(f),
  ) as [number, number, number, number];
  const types = heap.snapshot.meta.node_types[0];
  const nodes: HeapNode[] = [];
  for (let i = 0; i < heap.nodes.length; i += fields.length) {
    nodes.push({
      type: types[heap.nodes[i + typeAt]!] ?? '?',
      name: heap.strings[heap.nodes[i + nameAt]!] ?? '',
      selfSize: heap.nodes[i + sizeAt]!,
      detachedness: detachedAt >= 0 ? heap.nodes[i + detachedAt]! : 0,
    });
  }
  return nodes;
}
