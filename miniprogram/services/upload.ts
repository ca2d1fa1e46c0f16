import type { ImageUploadResponse } from '@shanqian/shared';
import { uploadFile } from './request';

/** POST /image (field `file`): answers the signed URL to send as id_card_front / id_card_back. */
export async function uploadImage(filePath: string): Promise<string> {
  const { url } = await uploadFile<ImageUploadResponse>({ path: '/image', filePath, name: 'file' });
  return url;
}
