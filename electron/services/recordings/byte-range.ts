// Answers a media element's Range request for a recording file, so playback can seek without
// reading the whole file. Plain Node: the Electron protocol handler and the test server share it.
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { Readable } from 'node:stream';

export interface RangeAnswer {
  status: 200 | 206 | 416;
  headers: Record<string, string>;
  body: Readable | null;
}

/** Parses "bytes=a-b", "bytes=a-" and "bytes=-n" against a size; null when unsatisfiable. */
export function parseRange(
  header: string | undefined,
  size: number,
): { start: number; end: number } | null | undefined {
  if (!header) return undefined;
  const match = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!match || (match[1] === '' && match[2] === '')) return null;
  let start: number;
  let end: number;
  if (match[1] === '') {
    start = Math.max(0, size - Number(match[2]));
    end = size - 1;
  } else {
    start = Number(match[1]);
    end = match[2] === '' ? size - 1 : Math.min(Number(match[2]), size - 1);
  }
  return start <= end && start < size ? { start, end } : null;
}

export async function answerRange(
  path: string,
  mimeType: string,
  rangeHeader: string | undefined,
): Promise<RangeAnswer> {
  const { size } = await stat(path);
  const range = parseRange(rangeHeader, size);
  const base = { 'content-type': mimeType, 'accept-ranges': 'bytes', 'cache-control': 'no-store' };
  if (range === null)
    return { status: 416, headers: { ...base, 'content-range': `bytes */${size}` }, body: null };
  if (range === undefined) {
    return {
      status: 200,
      headers: { ...base, 'content-length': String(size) },
      body: createReadStream(path),
    };
  }
  return {
    status: 206,
    headers: {
      ...base,
      'content-length': String(range.end - range.start + 1),
      'content-range': `bytes ${range.start}-${range.end}/${size}`,
    },
    body: createReadStream(path, { start: range.start, end: range.end }),
  };
}
