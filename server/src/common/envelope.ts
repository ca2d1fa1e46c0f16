import { applyDecorators, SetMetadata, UseFilters } from '@nestjs/common';
import type { Envelope } from '@shanqian/shared';
import { AllExceptionsFilter } from './all-exceptions.filter';

export const ERROR_CODE_FIELD = 'shanqian:error-code-field';

/**
 * The seed shows `/image` and `/verifycode` answers with `error_code`; such handlers carry it too:
 * the interceptor reads the mark for successes, the route-scoped filter writes it on errors.
 */
export const WithErrorCodeField = () => applyDecorators(SetMetadata(ERROR_CODE_FIELD, true), UseFilters(new AllExceptionsFilter(true)));

/** Set by handlers that write their own body (files, images): the interceptor leaves it alone. */
export const RAW_RESPONSE = 'shanqian:raw-response';
export const RawResponse = () => SetMetadata(RAW_RESPONSE, true);

export function envelope<T>(status: number, msg: string, data: T, errorCodeField: boolean): Envelope<T> {
  const body = { status, msg, data } as Envelope<T>;
  if (errorCodeField) body.error_code = body.status;
  return body;
}
