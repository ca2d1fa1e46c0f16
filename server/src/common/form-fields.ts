import { applyDecorators } from '@nestjs/common';
import { ClassConstructor, plainToInstance, Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsDefined,
  IsIn,
  IsInt,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { AppException } from './app.exception';
import { bodyShapeProblem } from './body-shape';
import { canonicalMoney } from './money';

/*
 * Field decorators for bodies that arrive form-urlencoded (every value a string) or as JSON, with
 * Chinese messages. Checks run in the order listed and stop at the first failure, so a missing value
 * says "不能为空" rather than "too long".
 */

const blankToNull = (value: unknown) => (value === '' || value === undefined ? null : value);
const trimmed = (value: unknown) => (typeof value === 'string' ? value.trim() : value);
// Any run of digits becomes a number, so that one too large is refused for its size, not as "not an integer".
const integer = (value: unknown) => (typeof value === 'string' && /^-?\d{1,32}$/.test(value.trim()) ? Number(value) : value);

/** The range of a signed 32-bit `int` column: every integer field stays within it unless given a narrower range. */
export const INT_RANGE = { min: -2147483648, max: 2147483647 } as const;

/** The checks of an integer within [min, max] (each defaulting to the `int` column's bound), a safe integer first. */
function intChecks(range: { min?: number; max?: number }) {
  const min = Math.max(range.min ?? INT_RANGE.min, INT_RANGE.min);
  const max = Math.min(range.max ?? INT_RANGE.max, INT_RANGE.max);
  return [
    IsInt({ message: '应为整数' }),
    Min(min, { message: `不能小于 ${min}` }),
    Max(max, { message: `不能大于 ${max}` }),
  ];
}

export function RequiredText(max: number, pattern?: { regex: RegExp; message: string }) {
  return applyDecorators(
    Transform(({ value }) => trimmed(value)),
    IsDefined({ message: '不能为空' }),
    IsString({ message: '应为文本' }),
    MinLength(1, { message: '不能为空' }),
    MaxLength(max, { message: `最多 ${max} 个字` }),
    ...(pattern ? [Matches(pattern.regex, { message: pattern.message })] : []),
  );
}

export function OptionalText(max: number, pattern?: { regex: RegExp; message: string }) {
  return applyDecorators(
    Transform(({ value }) => blankToNull(trimmed(value))),
    ValidateIf((_, value) => value !== null && value !== undefined),
    IsString({ message: '应为文本' }),
    MaxLength(max, { message: `最多 ${max} 个字` }),
    ...(pattern ? [Matches(pattern.regex, { message: pattern.message })] : []),
  );
}

export function RequiredInt(range: { min?: number; max?: number; oneOf?: number[] } = {}) {
  return applyDecorators(
    Transform(({ value }) => integer(value)),
    IsDefined({ message: '不能为空' }),
    ...(range.oneOf ? [IsInt({ message: '应为整数' }), IsIn(range.oneOf, { message: `应为 ${range.oneOf.join('、')} 之一` })] : intChecks(range)),
  );
}

export function OptionalInt(range: { min?: number; max?: number } = {}) {
  return applyDecorators(
    Transform(({ value }) => blankToNull(integer(value))),
    ValidateIf((_, value) => value !== null && value !== undefined),
    ...intChecks(range),
  );
}

/**
 * An amount of money for a decimal(15,2) column, more than 0: a JSON number or a numeric string,
 * judged by one rule (canonicalMoney) and handed on as the canonical text `"6500.00"`, so that money
 * never passes through a float.
 */
export function RequiredMoney() {
  return applyDecorators(
    Transform(({ value }) => canonicalMoney(value) ?? value),
    IsDefined({ message: '不能为空' }),
    // Only canonicalMoney's output has this shape: anything it refused is left as given and fails here.
    Matches(/^\d{1,13}\.\d{2}$/, { message: '应为最多两位小数的金额' }),
    Matches(/[1-9]/, { message: '应大于 0' }),
  );
}

/** A mainland China mobile number. */
export const MOBILE = { regex: /^1[3-9]\d{9}$/, message: '应为 11 位中国大陆手机号' };

export const YEAR_MONTH = { regex: /^\d{4}-(0[1-9]|1[0-2])$/, message: '应为 YYYY-MM 格式的年月' };

/**
 * An array of objects, accepted as JSON, as a JSON string inside a form body, or in bracket
 * notation (`employee_edu[0][school]=…`, which qs parses to an array, or to an object with numeric
 * keys past its array limit).
 */
export function FormArray<T extends object>(type: ClassConstructor<T>, size: { min: number; max: number }) {
  return applyDecorators(
    Transform(({ obj, key }) => toArray(obj[key], type, key)),
    IsDefined({ message: `至少填写 ${size.min} 条` }),
    IsArray({ message: '应为数组（JSON 或 key[0][field] 形式）' }),
    ArrayMinSize(size.min, { message: `至少填写 ${size.min} 条` }),
    ArrayMaxSize(size.max, { message: `最多 ${size.max} 条` }),
    ValidateNested({ message: '每一条应为对象' }),
  );
}

function toArray<T extends object>(raw: unknown, type: ClassConstructor<T>, field: string): unknown {
  let value = raw;
  if (typeof value === 'string') {
    try {
      value = JSON.parse(value);
    } catch {
      return value;
    }
    // A string inside a form body escaped the body's measure: measure it before plainToInstance walks it.
    const problem = bodyShapeProblem(value);
    if (problem) throw AppException.invalid(field, problem);
  }
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    const keys = Object.keys(value);
    if (keys.length && keys.every((k) => /^\d+$/.test(k))) value = keys.sort((a, b) => Number(a) - Number(b)).map((k) => (value as Record<string, unknown>)[k]);
  }
  if (!Array.isArray(value)) return value;
  return value.map((item) => (item && typeof item === 'object' ? plainToInstance(type, item) : item));
}
