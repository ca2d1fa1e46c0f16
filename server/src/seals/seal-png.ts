import { ErrorCode } from '@shanqian/shared';
import { PDFDocument } from 'pdf-lib';
import { AppException } from '../common/app.exception';

/** An uploaded seal: a scan cleaned up to a transparent PNG, from a small stamp to a large print. */
export const SEAL_PNG_LIMITS = { maxBytes: 1024 * 1024, minSide: 100, maxSide: 2000 } as const;

const PNG_MAGIC = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
/** Colour types with an alpha channel: greyscale + alpha (4), RGBA (6). */
const WITH_ALPHA = new Set([4, 6]);

/**
 * Checks an uploaded seal by its bytes (never its name or claimed type): a PNG whose pixels can be
 * transparent (an alpha channel, or a tRNS chunk before the image data), within the size limits, and
 * that the PDF embedder decodes, so that sealing a contract with it later cannot fail. The byte limit
 * itself is multer's (413). Every problem is a 400 SealImageInvalid saying what to do.
 */
export async function assertSealPng(bytes: Buffer): Promise<Buffer> {
  const invalid = (why: string) => new AppException(ErrorCode.SealImageInvalid, `file: ${why}`);
  // IHDR is always the first chunk: length 13, type "IHDR", then width, height, bit depth, colour type.
  if (bytes.length < 33 || !bytes.subarray(0, 8).equals(PNG_MAGIC) || bytes.toString('latin1', 12, 16) !== 'IHDR') {
    throw invalid('印章图片须为 PNG 格式（按文件内容判断，不看扩展名）');
  }
  const [width, height, colourType] = [bytes.readUInt32BE(16), bytes.readUInt32BE(20), bytes[25]];
  const { minSide, maxSide } = SEAL_PNG_LIMITS;
  if (width < minSide || height < minSide || width > maxSide || height > maxSide) {
    throw invalid(`印章图片每边应在 ${minSide} 到 ${maxSide} 像素之间（当前 ${width}×${height}）`);
  }
  if (!WITH_ALPHA.has(colourType) && !hasTransparencyChunk(bytes)) throw invalid('印章图片须为透明背景（带透明通道）的 PNG');
  try {
    await (await PDFDocument.create()).embedPng(bytes);
  } catch {
    throw invalid('印章图片已损坏，无法解码');
  }
  return bytes;
}

/** Whether a tRNS chunk comes before the first IDAT (where the PNG specification puts it). */
function hasTransparencyChunk(bytes: Buffer): boolean {
  for (let at = 8; at + 8 <= bytes.length; ) {
    const type = bytes.toString('latin1', at + 4, at + 8);
    if (type === 'tRNS') return true;
    if (type === 'IDAT' || type === 'IEND') return false;
    at += 12 + bytes.readUInt32BE(at);
  }
  return false;
}
