import { CallHandler, ExecutionContext, Injectable } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import type { Request } from 'express';
import { Observable } from 'rxjs';
import { UploadErrorsInterceptor } from '../../upload/upload-errors.interceptor';

const isMultipart = (context: ExecutionContext) =>
  /^\s*multipart\/form-data\s*(;|$)/i.test(context.switchToHttp().getRequest<Request>().headers['content-type'] ?? '');

/*
 * For a route that takes either multipart (with a file) or JSON (without): multipart goes through
 * the usual upload handling, JSON passes untouched (UploadErrorsInterceptor alone would refuse it
 * with 415). Both inherit their constructors' injections.
 */

@Injectable()
export class UploadErrorsWhenMultipartInterceptor extends UploadErrorsInterceptor {
  override intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    return isMultipart(context) ? super.intercept(context, next) : next.handle();
  }
}

@Injectable()
export class FileWhenMultipartInterceptor extends FileInterceptor('file') {
  override intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> | Promise<Observable<unknown>> {
    return isMultipart(context) ? super.intercept(context, next) : next.handle();
  }
}
