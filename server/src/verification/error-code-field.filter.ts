import { ArgumentsHost, Catch, ExceptionFilter, Logger } from '@nestjs/common';
import type { Response } from 'express';
import { internalError, toAppException, writeError } from '../common/error-response';

/**
 * Error envelopes with `error_code`, for a handler marked @WithErrorCodeField(). The global filter
 * cannot do this itself: Nest hands exception filters a host without the handler, so it never sees
 * the mark. A route-scoped filter runs before the global one and knows its route by construction.
 */
@Catch()
export class ErrorCodeFieldFilter implements ExceptionFilter {
  private readonly logger = new Logger('Exceptions');

  catch(error: unknown, host: ArgumentsHost): void {
    const known = toAppException(error);
    if (!known) this.logger.error(error instanceof Error ? error.stack ?? error.message : String(error));
    writeError(host.switchToHttp().getResponse<Response>(), known ?? internalError(), true);
  }
}
