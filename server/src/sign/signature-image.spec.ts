import { deflateSync } from 'node:zlib';
import { ErrorCode } from '@shanqian/shared';
import { PDFDocument } from 'pdf-lib';
import { pngChunk, signaturePng } from '../test/sign-fixtures';
import { assertSignaturePng, pngDefect } from './signature-image';

const MAGIC = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

const chunk = pngChunk;

function ihdr(width: number, height: number, depth: number, colourType: number, interlace = 0): Buffer {
  const data = Buffer.alloc(13);
  data.writeUInt32BE(width, 0);
  data.writeUInt32BE(height, 4);
  data.set([depth, colourType, 0, 0, interlace], 8);
  return chunk('IHDR', data);
}

const png = (...chunks: Buffer[]) => Buffer.concat([MAGIC, ...chunks, chunk('IEND', Buffer.alloc(0))]);
const asUpload = (buffer: Buffer) => ({ buffer }) as Express.Multer.File;
/** The chunks of a PNG, to take apart and put together again. */
const chunksOf = (bytes: Buffer): Buffer[] => {
  const chunks: Buffer[] = [];
  for (let at = 8; at < bytes.length; at += 12 + bytes.readUInt32BE(at)) chunks.push(bytes.subarray(at, at + 12 + bytes.readUInt32BE(at)));
  return chunks;
};

/** A 4-entry palette image, 200×60 at 2 bits per pixel: 1 filter byte and 50 bytes per row. */
const palettePng = () => png(ihdr(200, 60, 2, 3), chunk('PLTE', Buffer.from([0, 0, 0, 255, 255, 255, 128, 128, 128, 0, 0, 255])), chunk('IDAT', deflateSync(Buffer.alloc(60 * 51))));

/** An Adam7-interlaced 150×70 greyscale image: the seven passes' scanlines, all filter 0. */
function interlacedPng(): Buffer {
  const passes = [[0, 0, 8, 8], [4, 0, 8, 8], [0, 4, 4, 8], [2, 0, 4, 4], [0, 2, 2, 4], [1, 0, 2, 2], [0, 1, 1, 2]];
  const size = passes.reduce((sum, [x0, y0, dx, dy]) => sum + Math.ceil((70 - y0) / dy) * (1 + Math.ceil((150 - x0) / dx)), 0);
  return png(ihdr(150, 70, 8, 0, 1), chunk('IDAT', deflateSync(Buffer.alloc(size, 0))));
}

describe('assertSignaturePng', () => {
  it.each([
    ['the canvas export', signaturePng()],
    ['a palette image', palettePng()],
    ['an interlaced image', interlacedPng()],
    ['IDAT split over several chunks', (() => {
      const [header, data] = chunksOf(signaturePng());
      const payload = data.subarray(8, data.length - 4);
      return png(header, chunk('IDAT', payload.subarray(0, 10)), chunk('IDAT', payload.subarray(10)));
    })()],
  ])('accepts %s, which pdf-lib embeds too', async (_, bytes) => {
    expect(pngDefect(bytes)).toBeNull();
    expect(assertSignaturePng(asUpload(bytes))).toBe(bytes);
    await (await PDFDocument.create()).embedPng(bytes);
  });

  const valid = signaturePng();
  const [header, data] = chunksOf(valid);
  const idat = data.subarray(8, data.length - 4);
  const badCrc = Buffer.from(valid);
  badCrc[header.length + 8 + data.length - 1] ^= 0xff; // the last byte of IDAT's CRC

  it.each([
    ['a valid IHDR and garbage after it', Buffer.concat([MAGIC, header, Buffer.from('garbage, not a chunk at all: '.repeat(20))]), 'chunk longer than the file'],
    ['a truncated IDAT', png(header, chunk('IDAT', idat.subarray(0, idat.length - 20))), 'IDAT does not inflate'],
    ['a file cut short', valid.subarray(0, valid.length - 30), 'chunk longer than the file'],
    ['a bad CRC', badCrc, 'bad CRC in IDAT'],
    ['no IEND', Buffer.concat([MAGIC, header, data]), 'no IEND'],
    ['data after IEND', Buffer.concat([valid, Buffer.from('x')]), 'data after IEND'],
    ['no IDAT', png(header), 'no IDAT'],
    ['IDAT that is not zlib', png(header, chunk('IDAT', Buffer.from('not deflated at all'))), 'IDAT does not inflate'],
    ['too few scanlines', png(header, chunk('IDAT', deflateSync(Buffer.alloc(401 * 100)))), 'IDAT holds the wrong amount of image data'],
    ['more data than the IHDR promises (a zlib bomb)', png(header, chunk('IDAT', deflateSync(Buffer.alloc(50 * 1024 * 1024)))), 'IDAT does not inflate'],
    ['an unknown filter', png(header, chunk('IDAT', deflateSync(Buffer.alloc(401 * 160, 7)))), 'unknown scanline filter'],
    ['a bit depth the colour type cannot have', png(ihdr(400, 160, 4, 2), chunk('IDAT', idat)), 'bad IHDR'],
    ['a palette image without PLTE', png(ihdr(200, 60, 2, 3), chunk('IDAT', deflateSync(Buffer.alloc(60 * 51)))), 'no PLTE before IDAT'],
    ['an unknown critical chunk', png(header, chunk('ABCD', Buffer.alloc(4)), data), 'unexpected critical chunk'],
    ['IDAT chunks apart', png(header, chunk('IDAT', idat.subarray(0, 10)), chunk('tEXt', Buffer.from('a\0b')), chunk('IDAT', idat.subarray(10))), 'IDAT chunks not consecutive'],
  ])('refuses %s with 17005', (_, bytes, defect) => {
    expect(pngDefect(bytes)).toBe(defect);
    expect(() => assertSignaturePng(asUpload(bytes))).toThrow(
      expect.objectContaining({ code: ErrorCode.SignatureImageInvalid, httpStatus: 400, message: 'signature: 签名图片已损坏，请重新签名' }),
    );
  });

  it('names a missing file, a foreign format and an unsuitable size first', () => {
    const refusal = (file: Express.Multer.File | undefined) => {
      try {
        assertSignaturePng(file);
      } catch (error) {
        return (error as Error).message;
      }
      return null;
    };
    expect(refusal(undefined)).toBe('signature: 请在字段 signature 中上传手写签名图片');
    expect(refusal(asUpload(Buffer.from('GIF89a not a png at all, but long enough to look like a header')))).toBe('signature: 签名应为 PNG 图片');
    expect(refusal(asUpload(signaturePng(5000, 60)))).toBe('signature: 签名图片尺寸应在 100×50 到 4096×4096 像素之间（当前 5000×60）');
    expect(refusal(asUpload(Buffer.alloc(1024 * 1024 + 1)))).toBe('signature: 签名图片过大，不能超过 1 MB');
  });
});
