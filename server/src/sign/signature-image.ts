import { crc32, inflateSync } from 'node:zlib';
import { ErrorCode } from '@shanqian/shared';
import { AppException } from '../common/app.exception';

/** A handwritten signature from the mini-program's canvas: a PNG big enough to be a signature and small enough to be one. */
export const SIGNATURE_LIMITS = { maxBytes: 1024 * 1024, minWidth: 100, minHeight: 50, maxSide: 4096 } as const;

const PNG_MAGIC = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/**
 * Checks the bytes (never the claimed type): a PNG whose dimensions suit a signature and that
 * decodes completely, so that embedding it into the contract later cannot fail. Every problem is a
 * 400 saying what to do.
 */
export function assertSignaturePng(file: Express.Multer.File | undefined): Buffer {
  const invalid = (why: string) => new AppException(ErrorCode.SignatureImageInvalid, `signature: ${why}`);
  if (!file?.buffer?.length) throw invalid('请在字段 signature 中上传手写签名图片');
  const bytes = file.buffer;
  if (bytes.length > SIGNATURE_LIMITS.maxBytes) throw invalid('签名图片过大，不能超过 1 MB');
  // IHDR is always the first chunk: length 13, type "IHDR", then width and height.
  if (bytes.length < 33 || !bytes.subarray(0, 8).equals(PNG_MAGIC) || bytes.toString('latin1', 12, 16) !== 'IHDR') throw invalid('签名应为 PNG 图片');
  const width = bytes.readUInt32BE(16);
  const height = bytes.readUInt32BE(20);
  const { minWidth, minHeight, maxSide } = SIGNATURE_LIMITS;
  if (width < minWidth || height < minHeight || width > maxSide || height > maxSide) {
    throw invalid(`签名图片尺寸应在 ${minWidth}×${minHeight} 到 ${maxSide}×${maxSide} 像素之间（当前 ${width}×${height}）`);
  }
  if (pngDefect(bytes) !== null) throw invalid('签名图片已损坏，请重新签名');
  return bytes;
}

/** Bit depths allowed for each PNG colour type, and the samples per pixel of each. */
const COLOUR_TYPES: Record<number, { depths: number[]; samples: number }> = {
  0: { depths: [1, 2, 4, 8, 16], samples: 1 }, // greyscale
  2: { depths: [8, 16], samples: 3 }, // RGB
  3: { depths: [1, 2, 4, 8], samples: 1 }, // palette
  4: { depths: [8, 16], samples: 2 }, // greyscale and alpha
  6: { depths: [8, 16], samples: 4 }, // RGBA
};

/** Adam7's passes: where each starts and how far apart its pixels are, across and down. */
const ADAM7 = [
  [0, 0, 8, 8], [4, 0, 8, 8], [0, 4, 4, 8], [2, 0, 4, 4], [0, 2, 2, 4], [1, 0, 2, 2], [0, 1, 1, 2],
] as const;

/**
 * What is wrong with a PNG as a decoder sees it (PNG specification, 2nd edition), or null: the chunk
 * sequence and every CRC, the IHDR fields, PLTE where the colour type needs one, consecutive IDAT
 * chunks that inflate to exactly the scanlines the IHDR promises (each with a known filter), and
 * IEND at the very end. The inflated size is bounded by the IHDR, so no zlib bomb gets through.
 */
export function pngDefect(bytes: Buffer): string | null {
  if (bytes.length < 8 || !bytes.subarray(0, 8).equals(PNG_MAGIC)) return 'not a PNG signature';
  const chunks: { type: string; data: Buffer }[] = [];
  for (let at = 8; at < bytes.length; ) {
    if (bytes.length - at < 12) return 'truncated chunk';
    const length = bytes.readUInt32BE(at);
    if (length > bytes.length - at - 12) return 'chunk longer than the file';
    const type = bytes.toString('latin1', at + 4, at + 8);
    if (!/^[A-Za-z]{4}$/.test(type)) return 'bad chunk type';
    if (crc32(bytes.subarray(at + 4, at + 8 + length)) !== bytes.readUInt32BE(at + 8 + length)) return `bad CRC in ${type}`;
    chunks.push({ type, data: bytes.subarray(at + 8, at + 8 + length) });
    at += 12 + length;
    if (type === 'IEND') {
      if (at !== bytes.length) return 'data after IEND';
      break;
    }
  }
  if (chunks.at(-1)?.type !== 'IEND' || chunks.at(-1)!.data.length) return 'no IEND';

  const [ihdr] = chunks;
  if (ihdr.type !== 'IHDR' || ihdr.data.length !== 13) return 'IHDR is not the first chunk';
  const width = ihdr.data.readUInt32BE(0);
  const height = ihdr.data.readUInt32BE(4);
  const [depth, colourType, compression, filter, interlace] = ihdr.data.subarray(8);
  const colour = COLOUR_TYPES[colourType];
  if (!width || !height || !colour?.depths.includes(depth) || compression !== 0 || filter !== 0 || interlace > 1) return 'bad IHDR';

  const types = chunks.map((c) => c.type);
  const firstData = types.indexOf('IDAT');
  if (firstData < 0) return 'no IDAT';
  const dataChunks = chunks.filter((c) => c.type === 'IDAT');
  if (types.lastIndexOf('IDAT') - firstData + 1 !== dataChunks.length) return 'IDAT chunks not consecutive';
  const palette = types.indexOf('PLTE');
  if (colourType === 3 && (palette < 0 || palette > firstData)) return 'no PLTE before IDAT';
  if (palette >= 0 && (chunks[palette].data.length % 3 !== 0 || !chunks[palette].data.length || chunks[palette].data.length > 768)) return 'bad PLTE';
  const unknownCritical = types.find((t) => /^[A-Z]/.test(t) && !['IHDR', 'PLTE', 'IDAT', 'IEND'].includes(t));
  if (unknownCritical || types.filter((t) => t === 'IHDR' || t === 'PLTE').length > (palette >= 0 ? 2 : 1)) return 'unexpected critical chunk';

  // Each scanline is a filter byte and its pixels' bytes; an interlaced image is seven such sub-images.
  const bitsPerPixel = depth * colour.samples;
  const passes = interlace ? ADAM7 : ([[0, 0, 1, 1]] as const);
  const scanlines = passes.flatMap(([x0, y0, dx, dy]) => {
    const passWidth = Math.ceil((width - x0) / dx);
    const passHeight = Math.ceil((height - y0) / dy);
    return passWidth > 0 && passHeight > 0 ? [{ rows: passHeight, rowBytes: 1 + Math.ceil((passWidth * bitsPerPixel) / 8) }] : [];
  });
  const expected = scanlines.reduce((sum, pass) => sum + pass.rows * pass.rowBytes, 0);
  let raw: Buffer;
  try {
    raw = inflateSync(Buffer.concat(dataChunks.map((c) => c.data)), { maxOutputLength: expected + 1 });
  } catch {
    return 'IDAT does not inflate';
  }
  if (raw.length !== expected) return 'IDAT holds the wrong amount of image data';
  let at = 0;
  for (const { rows, rowBytes } of scanlines) {
    for (let row = 0; row < rows; row++, at += rowBytes) if (raw[at] > 4) return 'unknown scanline filter';
  }
  return null;
}
