// Every icon from one source, the drawing below (a rounded square with a camera glyph): the
// 1024 px master (resources/icon.png), the macOS .icns and Windows .ico made from it with
// png2icons, the Linux sizes (resources/icons/NxN.png) and the tray icons drawn at their sizes.
// Run `npm run icons` after changing the design; the output is committed.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';
import png2icons from 'png2icons';

type Rgba = [number, number, number, number];

function crc32(buf: Buffer): number {
  let c = ~0;
  for (const byte of buf) {
    c ^= byte;
    for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ 0xedb88320 : c >>> 1;
  }
  return ~c >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const out = Buffer.alloc(8 + data.length + 4);
  out.writeUInt32BE(data.length, 0);
  body.copy(out, 4);
  out.writeUInt32BE(crc32(body), 8 + data.length);
  return out;
}

function png(size: number, pixel: (x: number, y: number) => Rgba): Buffer {
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) {
    raw[y * (size * 4 + 1)] = 0;
    for (let x = 0; x < size; x++) Buffer.from(pixel(x, y)).copy(raw, y * (size * 4 + 1) + 1 + x * 4);
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 6, 0, 0, 0], 8);
  const signature = Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]);
  return Buffer.concat([
    signature,
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

function inRoundedRect(
  x: number,
  y: number,
  x0: number,
  y0: number,
  x1: number,
  y1: number,
  r: number,
): boolean {
  const cx = Math.min(Math.max(x, x0 + r), x1 - r);
  const cy = Math.min(Math.max(y, y0 + r), y1 - r);
  return (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
}

function icon(size: number, background: Rgba, badge?: Rgba): Buffer {
  const s = (v: number) => v * size;
  return png(size, (px, py) => {
    const [x, y] = [px + 0.5, py + 0.5];
    if (badge && (x - s(0.8)) ** 2 + (y - s(0.8)) ** 2 <= s(0.18) ** 2) return badge;
    if (!inRoundedRect(x, y, 0, 0, size, size, s(0.22))) return [0, 0, 0, 0];
    const body = inRoundedRect(x, y, s(0.2), s(0.32), s(0.62), s(0.68), s(0.06));
    const lens = x >= s(0.62) && x <= s(0.8) && Math.abs(y - s(0.5)) <= s(0.06) + (x - s(0.62)) * 0.55;
    return body || lens ? [255, 255, 255, 255] : background;
  });
}

const blue: Rgba = [37, 99, 235, 255];
export const LINUX_ICON_SIZES = [16, 24, 32, 48, 64, 128, 256, 512];
const out = join(import.meta.dirname, '..', 'resources');
mkdirSync(join(out, 'tray'), { recursive: true });
mkdirSync(join(out, 'icons'), { recursive: true });
const master = icon(1024, blue);
writeFileSync(join(out, 'icon.png'), master);
// macOS: 16-1024 px in one .icns; Windows: 16-256 px in one .ico (PNG-compressed entries).
const icns = png2icons.createICNS(master, png2icons.BICUBIC, 0);
const ico = png2icons.createICO(master, png2icons.BICUBIC, 0, true, true);
if (!icns || !ico) throw new Error('png2icons could not convert the master icon');
writeFileSync(join(out, 'icon.icns'), icns);
writeFileSync(join(out, 'icon.ico'), ico);
// Linux: hicolor sizes, drawn at each size rather than scaled, so small ones stay sharp.
for (const size of LINUX_ICON_SIZES)
  writeFileSync(join(out, 'icons', `${size}x${size}.png`), icon(size, blue));
const trayStates: Record<string, Rgba | undefined> = {
  idle: undefined,
  meeting: [22, 163, 74, 255],
  sharing: [234, 88, 12, 255],
  muted: [220, 38, 38, 255],
};
for (const [state, badge] of Object.entries(trayStates)) {
  writeFileSync(join(out, 'tray', `${state}.png`), icon(32, blue, badge));
  writeFileSync(join(out, 'tray', `${state}@2x.png`), icon(64, blue, badge));
}
console.log(`icons written to ${out}`);
