import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import { ErrorCode } from '@shanqian/shared';
import type { Request } from 'express';
import { AppException } from './app.exception';
import { INT_RANGE } from './form-fields';

/** Decimal digits, no sign, no leading zero: `2` only, never `02`, `+2`, `2e0`, `0x2` or ` 2`. */
const DECIMAL_ID = /^[1-9]\d{0,9}$/;

/** A row id from the path: 1 to the `int` column's maximum, written in plain decimal; else a 400 InvalidPathParameter naming it. */
export function parseId(name: string, raw: unknown): number {
  const id = typeof raw === 'string' && DECIMAL_ID.test(raw) ? Number(raw) : NaN;
  if (id <= INT_RANGE.max) return id;
  throw new AppException(ErrorCode.InvalidPathParameter, `${name}: 应为 1 到 ${INT_RANGE.max} 之间的十进制整数`);
}

/*
 * A custom parameter decorator rather than @Param with a pipe: the global ValidationPipe transforms
 * `param` arguments typed `number` with Number() before any pipe of the parameter runs (so `0x2`,
 * `2e0` and ` 2` all became 2), and it leaves custom decorators alone, so this one sees the raw text.
 */
const PathId = createParamDecorator((name: string, context: ExecutionContext) => parseId(name, context.switchToHttp().getRequest<Request>().params[name]));

/** The path parameter `name` (default `id`) as a row id: every `:id` of the API goes through it. */
export const IdParam = (name = 'id'): ParameterDecorator => PathId(name);
