import { CallHandler, ExecutionContext, Inject, Injectable, NestInterceptor } from '@nestjs/common';
import { ErrorCode } from '@shanqian/shared';
import type { Request } from 'express';
import { catchError, Observable, throwError } from 'rxjs';
import { AppException } from '../common/app.exception';
import { APP_CONFIG, AppConfig } from '../config/app-config';

/** multer's own error code, whether it arrives raw or wrapped by Nest's FileInterceptor (as the cause). */
function multerCode(error: unknown): string | undefined {
  const e = error as { code?: unknown; cause?: { code?: unknown } } | null;
  const code = e?.code ?? e?.cause?.code;
  return typeof code === 'string' ? code : undefined;
}

export function formatBytes(bytes: number): string {
  const mib = 1024 * 1024;
  if (bytes >= mib) return `${Number((bytes / mib).toFixed(1))} MB`;
  return `${Number((bytes / 1024).toFixed(1))} KB`;
}

/**
 * Bound outside FileInterceptor: turns multer's failures into the upload codes of the shared table
 * (a file over the limit is 413 UploadTooLarge) instead of generic 400/413s. For routes where the
 * file is optional and a body without one may come in any type (POST /verify/realname).
 */
@Injectable()
export class MulterErrorsInterceptor implements NestInterceptor {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  intercept(_: ExecutionContext, next: CallHandler): Observable<unknown> {
    return next.handle().pipe(catchError((error: unknown) => throwError(() => this.translate(error))));
  }

  private translate(error: unknown): unknown {
    switch (multerCode(error)) {
      case 'LIMIT_FILE_SIZE':
        return new AppException(ErrorCode.UploadTooLarge, `文件过大，不能超过 ${formatBytes(this.config.uploadMaxBytes)}`);
      case 'LIMIT_UNEXPECTED_FILE':
        return new AppException(ErrorCode.UploadMissing);
      case 'LIMIT_FILE_COUNT':
        return AppException.invalid('file', '一次只能上传一个文件');
      default:
        return error;
    }
  }
}

/**
 * MulterErrorsInterceptor for routes that need a file: also refuses bodies that are not
 * multipart/form-data before multer sees them (multer would silently skip them, and the client
 * would only hear "no file").
 */
@Injectable()
export class UploadErrorsInterceptor extends MulterErrorsInterceptor {
  override intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const req = context.switchToHttp().getRequest<Request>();
    // A request that declares no type at all (an empty POST) is answered as a missing file instead.
    const contentType = req.headers['content-type'];
    if (contentType && !/^\s*multipart\/form-data\s*(;|$)/i.test(contentType)) {
      throw new AppException(ErrorCode.UnsupportedMediaType, '请以 multipart/form-data 上传图片，文件放在字段 file 中');
    }
    return super.intercept(context, next);
  }
}
