// The fragment scan (common/recording/mp4-boxes.ts) over a Node file handle.
import type { FileHandle } from 'node:fs/promises';
import { scanFragmentedMp4 as scan, type BoxScan } from '../../../common/recording/mp4-boxes.js';

export type { BoxScan };

export async function scanFragmentedMp4(file: FileHandle, size: number): Promise<BoxScan> {
  return scan(async (offset, length) => {
    const buffer = Buffer.alloc(length);
    const { bytesRead } = await file.read(buffer, 0, length, offset);
    return buffer.subarray(0, bytesRead);
  }, size);
}
