import { ERROR_CODES, ErrorCode } from '@shanqian/shared';

/**
 * The one exception the application throws on purpose: a code from the shared table, its HTTP
 * status, and a Chinese message (the code's default unless a more precise one is given).
 */
export class AppException extends Error {
  readonly httpStatus: number;

  constructor(
    readonly code: ErrorCode,
    message?: string,
    /** Extra response headers, e.g. Retry-After. */
    readonly headers: Record<string, string> = {},
  ) {
    super(message ?? ERROR_CODES[code].msg);
    this.httpStatus = ERROR_CODES[code].http;
  }

  /** Invalid input: a 400 whose message names the field. */
  static invalid(field: string, problem: string): AppException {
    return new AppException(ErrorCode.ValidationFailed, `${field}: ${problem}`);
  }
}
