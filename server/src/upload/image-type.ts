import { fileTypeFromBuffer } from 'file-type';

export type ImageMime = 'image/jpeg' | 'image/png' | 'image/webp';

const ACCEPTED: ReadonlySet<string> = new Set<ImageMime>(['image/jpeg', 'image/png', 'image/webp']);

/**
 * The image type that the bytes themselves announce (magic numbers), or null. A file's name and the
 * Content-Type the client claims are never consulted: both are whatever the uploader wanted them to be.
 */
export async function detectImageMime(bytes: Uint8Array): Promise<ImageMime | null> {
  const detected = await fileTypeFromBuffer(bytes);
  return detected && ACCEPTED.has(detected.mime) ? (detected.mime as ImageMime) : null;
}
