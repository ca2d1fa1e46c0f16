import { ArgumentsHost, Catch, ExceptionFilter, ExecutionContext, Logger } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Response } from 'express';
import { ERROR_CODE_FIELD } from './envelope';
import { internalError, toAppException, writeError } from './error-response';

/** Every error, ours or the framework's, leaves as an envelope with an HTTP status of the right class. */
@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  private readonly logger = new Logger('Exceptions');

  constructor(private readonly reflector: Reflector) {}

  catch(error: unknown, host: ArgumentsHost): void {
    const res = host.switchToHttp().getResponse<Response>();
    const known = toAppException(error);
    if (!known) this.logger.error(error instanceof Error ? error.stack ?? error.message : String(error));
    const handler = (host as ExecutionContext).getHandler?.();
    const errorCodeField = !!handler && !!this.reflector.get<boolean>(ERROR_CODE_FIELD, handler);
    writeError(res, known ?? internalError(), errorCodeField);
  }
}
