import { ArgumentsHost, Catch, ExceptionFilter, Logger } from '@nestjs/common';
import { ErrorCode } from '@shanqian/shared';
import type { Response } from 'express';
import { internalError, toAppException, writeError } from './error-response';

/**
 * Every error, ours or the framework's, leaves as an envelope with an HTTP status of the right class.
 * Registered globally, and per route with `errorCodeField` for the handlers marked
 * @WithErrorCodeField(): Nest hands a global filter no handler to read that mark from.
 */
@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  private readonly logger = new Logger('Exceptions');

  constructor(private readonly errorCodeField = false) {}

  catch(error: unknown, host: ArgumentsHost): void {
    const known = toAppException(error);
    if (!known) this.logger.error(error instanceof Error ? error.stack ?? error.message : String(error));
    // A 503 the client is told to retry, but a database that stays this contended is the operator's to see.
    else if (known.code === ErrorCode.DatabaseBusy) this.logger.warn(`database busy after retries: ${error instanceof Error ? error.message : String(error)}`);
    writeError(host.switchToHttp().getResponse<Response>(), known ?? internalError(), this.errorCodeField);
  }
}
