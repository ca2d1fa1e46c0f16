/**
 * The worker's handwritten signature (the PNG drawn on the phone) as the appearance of their
 * signature widget: shown in the worker's box, and bound to the signature itself rather than drawn
 * into the page.
 */
import { concatTransformationMatrix, drawObject, PDFDocument, PDFRef, popGraphicsState, pushGraphicsState } from 'pdf-lib';

/** The signature image is not a PNG of sane dimensions. */
export class SignatureImageError extends Error {
  override readonly name = 'SignatureImageError';
}

/** Canvas signatures are a few hundred pixels; this bounds what a decoded PNG may cost in memory. */
const MAX_SIGNATURE_PIXELS = 4096;
const PNG_MAGIC = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
/** Blank margin kept inside the box, in points. */
const PADDING = 6;

/** Reads the IHDR before pdf-lib decodes the whole image: a small PNG can declare a huge canvas. */
export function checkPng(png: Uint8Array): void {
  const bytes = Buffer.from(png.buffer, png.byteOffset, png.byteLength);
  const isPng = bytes.length > 24 && bytes.subarray(0, 8).equals(PNG_MAGIC) && bytes.toString('latin1', 12, 16) === 'IHDR';
  const width = isPng ? bytes.readUInt32BE(16) : 0;
  const height = isPng ? bytes.readUInt32BE(20) : 0;
  if (!width || !height || width > MAX_SIGNATURE_PIXELS || height > MAX_SIGNATURE_PIXELS) {
    throw new SignatureImageError(`the signature must be a PNG of at most ${MAX_SIGNATURE_PIXELS}×${MAX_SIGNATURE_PIXELS} pixels`);
  }
}

/**
 * A widget appearance callback (see SignatureWidget) registering a Form XObject that shows `png`
 * scaled to fit a `width`×`height` box, centred, aspect kept. The PNG is checked at once, decoded
 * when the callback runs; pdf-lib writes the image on the document's next flush.
 */
export function handwritingAppearance(png: Uint8Array): (doc: PDFDocument, width: number, height: number) => Promise<PDFRef> {
  checkPng(png);
  return async (doc, width, height) => {
    const image = await doc.embedPng(png).catch((error: unknown) => {
      throw new SignatureImageError('the signature is not a readable PNG', { cause: error });
    });
    const scale = Math.min(Math.max(width - 2 * PADDING, 1) / image.width, Math.max(height - 2 * PADDING, 1) / image.height);
    const [w, h] = [image.width * scale, image.height * scale];
    const [x, y] = [(width - w) / 2, (height - h) / 2];
    const operators = [pushGraphicsState(), concatTransformationMatrix(w, 0, 0, h, x, y), drawObject('Handwriting'), popGraphicsState()];
    const form = doc.context.formXObject(operators, { BBox: [0, 0, width, height], Resources: { XObject: { Handwriting: image.ref } } });
    return doc.context.register(form);
  };
}
