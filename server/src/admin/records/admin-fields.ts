import { applyDecorators } from '@nestjs/common';
import { Transform } from 'class-transformer';
import { IsBoolean, ValidateIf } from 'class-validator';

const BOOLEAN_WORDS: Record<string, boolean> = { true: true, false: false, '1': true, '0': false };

/**
 * A yes/no field, in the order and with the Chinese messages of common/form-fields: JSON true/false,
 * or 1/0 and "true"/"false" from a form. Absent or blank stays absent.
 */
export function OptionalBool() {
  return applyDecorators(
    Transform(({ value }) => {
      if (value === '' || value === undefined) return null;
      if (value === 1 || value === 0) return value === 1;
      return typeof value === 'string' && value.trim().toLowerCase() in BOOLEAN_WORDS ? BOOLEAN_WORDS[value.trim().toLowerCase()] : value;
    }),
    ValidateIf((_, value) => value !== null && value !== undefined),
    IsBoolean({ message: '应为 true 或 false' }),
  );
}
