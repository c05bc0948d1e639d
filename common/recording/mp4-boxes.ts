// Where a fragmented MP4 stops being whole. The file is a run of top-level boxes (ftyp, moov,
// then moof + mdat pairs, then mfra once finished); a crash can leave the last box short, or a
// moof whose mdat never came. Reading only the 8- or 16-byte box headers finds the end of the
// last complete fragment without reading the media itself. Shared by the desktop main process
// (a file handle) and the web client (a File in the browser's private file system).

export interface BoxScan {
  /** Bytes from the start that form a playable file (0 when not even the moov is there). */
  playableLength: number;
  /** True when the file ends with the mfra box a normal stop writes. */
  finished: boolean;
}

/** Reads up to `length` bytes at `offset`; fewer at the end of the file. */
export type ReadAt = (offset: number, length: number) => Promise<Uint8Array>;

const HEADER = 16;

export async function scanFragmentedMp4(read: ReadAt, size: number): Promise<BoxScan> {
  let offset = 0;
  let playable = 0;
  let sawMoov = false;
  let pendingMoof = false;
  let lastType = '';
  while (offset + 8 <= size) {
    const header = await read(offset, Math.min(HEADER, size - offset));
    if (header.length < 8) break;
    const view = new DataView(header.buffer, header.byteOffset, header.byteLength);
    let boxSize = view.getUint32(0);
    const type = String.fromCharCode(...header.subarray(4, 8));
    if (boxSize === 1) {
      if (header.length < 16) break;
      boxSize = Number(view.getBigUint64(8));
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
