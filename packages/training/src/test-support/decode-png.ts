// A minimal PNG decoder for tests: 8-bit RGB/RGBA, not interlaced (what resvg writes). IDAT
// chunks are concatenated, inflated with zlib and un-filtered scanline by scanline.
import { inflateSync } from 'node:zlib';

export interface DecodedPng {
  width: number;
  height: number;
  /** RGBA, 4 bytes per pixel, row-major. */
  rgba: Uint8Array;
}

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

export function decodePng(png: Buffer): DecodedPng {
  if (!png.subarray(0, 8).equals(SIGNATURE)) throw new Error('not a PNG');
  let pos = 8;
  let width = 0;
  let height = 0;
  let colorType = 0;
  const idat: Buffer[] = [];
  while (pos < png.length) {
    const len = png.readUInt32BE(pos);
    const type = png.toString('latin1', pos + 4, pos + 8);
    const data = png.subarray(pos + 8, pos + 8 + len);
    if (type === 'IHDR') {
      width = data.readUInt32BE(0);
      height = data.readUInt32BE(4);
      const depth = data[8];
      colorType = data[9]!;
      if (depth !== 8 || (colorType !== 6 && colorType !== 2) || data[12] !== 0) {
        throw new Error(`unsupported PNG: depth ${depth}, colour type ${colorType}, interlaced`);
      }
    } else if (type === 'IDAT') idat.push(data);
    else if (type === 'IEND') break;
    pos += 12 + len;
  }
  const bpp = colorType === 6 ? 4 : 3;
  const raw = inflateSync(Buffer.concat(idat));
  const stride = width * bpp;
  const out = new Uint8Array(width * height * bpp);
  for (let row = 0; row < height; row++) {
    const filter = raw[row * (stride + 1)]!;
    const src = row * (stride + 1) + 1;
    const dst = row * stride;
    for (let i = 0; i < stride; i++) {
      const a = i >= bpp ? out[dst + i - bpp]! : 0;
      const b = row > 0 ? out[dst - stride + i]! : 0;
      const c = i >= bpp && row > 0 ? out[dst - stride + i - bpp]! : 0;
      let pred = 0;
      if (filter === 1) pred = a;
      else if (filter === 2) pred = b;
      else if (filter === 3) pred = (a + b) >> 1;
      else if (filter === 4) {
        const p = a + b - c;
        const pa = Math.abs(p - a);
        const pb = Math.abs(p - b);
        const pc = Math.abs(p - c);
        pred = pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
      }
      out[dst + i] = (raw[src + i]! + pred) & 0xff;
    }
  }
  if (bpp === 4) return { width, height, rgba: out };
  const rgba = new Uint8Array(width * height * 4);
  for (let i = 0; i < width * height; i++) {
    rgba.set(out.subarray(i * 3, i * 3 + 3), i * 4);
    rgba[i * 4 + 3] = 255;
  }
  return { width, height, rgba };
}

/** Pixels in a rectangle darker than `threshold` (mean of R, G, B, over an opaque background). */
export function countDarkPixels(
  img: DecodedPng,
  rect: { x0: number; y0: number; x1: number; y1: number },
  threshold = 128,
): number {
  let n = 0;
  for (let y = Math.max(0, rect.y0); y < Math.min(img.height, rect.y1); y++) {
    for (let x = Math.max(0, rect.x0); x < Math.min(img.width, rect.x1); x++) {
      const i = (y * img.width + x) * 4;
      const alpha = img.rgba[i + 3]! / 255;
      // Composite over white: a transparent pixel is background.
      const lum =
        ((img.rgba[i]! + img.rgba[i + 1]! + img.rgba[i + 2]!) / 3) * alpha + 255 * (1 - alpha);
      if (lum < threshold) n++;
    }
  }
  return n;
}
