// Where a fragmented MP4 stops being whole. The file is a run of top-level boxes (ftyp, moov,
// then moof + mdat pairs, then mfra once finished); a crash can leave the last box short, or a
// moof whose mdat never came. Reading only the 8- or 16-byte box headers finds the end of the
// last complete fragment without reading the media itself.
import type { FileHandle } from 'node:fs/promises';

export interface BoxScan {
  /** Bytes from the start that form a playable file (0 when not even the moov is there). */
  playableLength: number;
  /** True when the file ends with the mfra box a normal stop writes. */
  finished: boolean;
}

const HEADER = 16;

export async function scanFragmentedMp4(file: FileHandle, size: number): Promise<BoxScan> {
  const header = Buffer.alloc(HEADER);
  let offset = 0;
  let playable = 0;
  let sawMoov = false;
  let pendingMoof = false;
  let lastType = '';
  while (offset + 8 <= size) {
    const { bytesRead } = await file.read(header, 0, Math.min(HEADER, size - offset), offset);
    if (bytesRead < 8) break;
    let boxSize = header.readUInt32BE(0);
    const type = header.toString('latin1', 4, 8);
    if (boxSize === 1) {
      if (bytesRead < 16) break;
      boxSize = Number(header.readBigUInt64BE(8));
    }
    // Size 0 means "to the end of the file": a writer that never came back to fill it in.
    if (boxSize < 8 || offset + boxSize > size) break;
    offset += boxSize;
    lastType = type;
    if (type === 'moov') sawMoov = true;
    if (type === 'moof') pendingMoof = true;
    else if (type === 'mdat') pendingMoof = false;
    // A moof is only playable with its mdat; anything else ends a whole unit.
    if (sawMoov && !pendingMoof) playable = offset;
  }
  return { playableLength: playable, finished: lastType === 'mfra' && playable === size };
}
