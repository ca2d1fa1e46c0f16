import { CallHandler, ExecutionContext, Injectable, PayloadTooLargeException } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ErrorCode } from '@shanqian/shared';
import type { Request } from 'express';
import { Observable } from 'rxjs';
import { AppException } from '../common/app.exception';
import { formatBytes } from '../upload/upload-errors.interceptor';
import { SEAL_PNG_LIMITS } from './seal-png';

/**
 * multer for PUT /admin/companies/:id/seal, with the seal's own byte limit (UPLOAD_MAX_BYTES, the
 * module-wide one, is for photos) and a 413 that names it; a JSON body (reset to generated) passes
 * untouched. Bind it inside UploadErrorsWhenMultipartInterceptor, which translates multer's other errors.
 */
@Injectable()
export class SealFileInterceptor extends FileInterceptor('file', { limits: { fileSize: SEAL_PNG_LIMITS.maxBytes } }) {
  override async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    const contentType = context.switchToHttp().getRequest<Request>().headers['content-type'] ?? '';
    if (!/^\s*multipart\/form-data\s*(;|$)/i.test(contentType)) return next.handle();
    try {
      return await super.intercept(context, next);
    } catch (error) {
      if (error instanceof PayloadTooLargeException) throw new AppException(ErrorCode.UploadTooLarge, `印章图片不能超过 ${formatBytes(SEAL_PNG_LIMITS.maxBytes)}`);
      throw error;
    }
  }
}
