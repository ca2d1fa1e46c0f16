import { ErrorCode } from '@shanqian/shared';
import { AppException } from '../common/app.exception';

/** A handwritten signature from the mini-program's canvas: a PNG big enough to be a signature and small enough to be one. */
export const SIGNATURE_LIMITS = { maxBytes: 1024 * 1024, minWidth: 100, minHeight: 50, maxSide: 4096 } as const;

const PNG_MAGIC = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** Checks the bytes (never the claimed type) and the IHDR dimensions; every problem is a 400 saying what to do. */
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
  return bytes;
}
