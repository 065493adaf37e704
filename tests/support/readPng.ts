/**
 * Reads a PNG (8-bit RGB or RGBA, not interlaced — what Chromium writes) into its size and
 * pixels, with node:zlib only, so tests can check a picture's size and that it is not blank.
 */
import { inflateSync } from 'node:zlib';

export interface Png {
  width: number;
  height: number;
  channels: 3 | 4;
  pixels: Uint8Array;
}

export function readPng(buf: Buffer): Png {
  if (buf.readUInt32BE(0) !== 0x89504e47) throw new Error('not a PNG');
  let offset = 8;
  let width = 0;
  let height = 0;
  let channels: 3 | 4 = 3;
  const idat: Buffer[] = [];
  while (offset < buf.length) {
    const length = buf.readUInt32BE(offset);
    const type = buf.toString('ascii', offset + 4, offset + 8);
    const data = buf.subarray(offset + 8, offset + 8 + length);
    if (type === 'IHDR') {
      width = data.readUInt32BE(0);
      height = data.readUInt32BE(4);
      const depth = data[8];
      const colour = data[9];
      if (depth !== 8 || (colour !== 2 && colour !== 6) || data[12] !== 0)
        throw new Error(`unsupported PNG (depth ${depth}, colour ${colour})`);
      channels = colour === 6 ? 4 : 3;
    } else if (type === 'IDAT') idat.push(data);
    else if (type === 'IEND') break;
    offset += 12 + length;
  }
  const raw = inflateSync(Buffer.concat(idat));
  const stride = width * channels;
  const pixels = new Uint8Array(stride * height);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)];
    const row = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    for (let x = 0; x < stride; x++) {
      const a = x >= channels ? (pixels[y * stride + x - channels] as number) : 0;
      const b = y > 0 ? (pixels[(y - 1) * stride + x] as number) : 0;
      const c = x >= channels && y > 0 ? (pixels[(y - 1) * stride + x - channels] as number) : 0;
      const v = row[x] as number;
      let out: number;
      if (filter === 0) out = v;
      else if (filter === 1) out = v + a;
      else if (filter === 2) out = v + b;
      else if (filter === 3) out = v + ((a + b) >> 1);
      else {
        const p = a + b - c;
        const pa = Math.abs(p - a);
        const pb = Math.abs(p - b);
        const pc = Math.abs(p - c);
        out = v + (pa <= pb && pa <= pc ? a : pb <= pc ? b : c);
      }
      pixels[y * stride + x] = out & 0xff;
    }
  }
  return { width, height, channels, pixels };
}

/**
 * How much of a picture is not its most common colour, and how many colours it has (a blank
 * or single-colour picture has ~0 and 1), from every `step`-th pixel.
 */
export function pictureStats(png: Png, step = 7): { busyShare: number; colours: number } {
  const counts = new Map<number, number>();
  let n = 0;
  for (let i = 0; i < png.width * png.height; i += step) {
    const o = i * png.channels;
    const key =
      ((png.pixels[o] as number) << 16) |
      ((png.pixels[o + 1] as number) << 8) |
      (png.pixels[o + 2] as number);
    counts.set(key, (counts.get(key) ?? 0) + 1);
    n++;
  }
  const top = Math.max(...counts.values());
  return { busyShare: 1 - top / n, colours: counts.size };
}
