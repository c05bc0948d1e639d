// The top-level boxes of an MP4 in memory, for tests that feed a file the way a muxer writes it.
export interface Box {
  type: string;
  offset: number;
  size: number;
}

export function topLevelBoxes(data: Uint8Array): Box[] {
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  const boxes: Box[] = [];
  for (let offset = 0; offset + 8 <= data.byteLength;) {
    const size = view.getUint32(offset);
    const type = String.fromCharCode(...data.subarray(offset + 4, offset + 8));
    if (size < 8) throw new Error(`box of size ${size} at ${offset}`);
    boxes.push({ type, offset, size });
    offset += size;
  }
  return boxes;
}
