import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { map, Observable } from 'rxjs';
import { envelope, ERROR_CODE_FIELD, RAW_RESPONSE } from './envelope';

/** Wraps every handler's result in the `{status: 0, msg: '', data}` envelope. */
@Injectable()
export class EnvelopeInterceptor implements NestInterceptor {
  constructor(private readonly reflector: Reflector) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(RAW_RESPONSE, targets)) return next.handle();
    const errorCodeField = !!this.reflector.getAllAndOverride<boolean>(ERROR_CODE_FIELD, targets);
    return next.handle().pipe(map((data: unknown) => envelope(0, '', data ?? null, errorCodeField)));
  }
}
