import { deflateSync } from 'node:zlib';
import { PNG } from 'pdf-lib/cjs/utils/png';
import { pngChunk } from './sign-fixtures';

const PNG_MAGIC = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/**
 * A scanned seal as a super admin would upload it: a red disc on a transparent background (RGBA),
 * or, with `alpha: false`, on white (RGB, no transparency at all).
 */
export function sealImagePng(side = 200, { alpha = true } = {}): Buffer {
  const channels = alpha ? 4 : 3;
  const header = Buffer.alloc(13);
  header.writeUInt32BE(side, 0);
  header.writeUInt32BE(side, 4);
  header[8] = 8;
  header[9] = alpha ? 6 : 2;
  const row = 1 + side * channels;
  const pixels = Buffer.alloc(row * side);
  for (let y = 0; y < side; y++) {
    for (let x = 0; x < side; x++) {
      const inside = (x - side / 2) ** 2 + (y - side / 2) ** 2 < (side * 0.45) ** 2;
      const pixel = inside ? [220, 30, 30, 255] : alpha ? [0, 0, 0, 0] : [255, 255, 255];
      pixels.set(pixel.slice(0, channels), y * row + 1 + x * channels);
    }
  }
  return Buffer.concat([PNG_MAGIC, pngChunk('IHDR', header), pngChunk('IDAT', deflateSync(pixels)), pngChunk('IEND', Buffer.alloc(0))]);
}

/** The pixels of a PNG (any colour type), read by the decoder pdf-lib embeds with: RGB and, if any, alpha at (x, y). */
export function pngPixels(bytes: Uint8Array): { width: number; height: number; at(x: number, y: number): { r: number; g: number; b: number; a: number } } {
  const png = PNG.load(bytes);
  return {
    width: png.width,
    height: png.height,
    at(x, y) {
      const i = Math.round(y) * png.width + Math.round(x);
      return { r: png.rgbChannel[3 * i], g: png.rgbChannel[3 * i + 1], b: png.rgbChannel[3 * i + 2], a: png.alphaChannel ? png.alphaChannel[i] : 255 };
    },
  };
}

export const isSealRed = ({ r, g, b, a }: { r: number; g: number; b: number; a: number }) => a > 200 && r > 170 && g < 110 && b < 110;
