import { ValueTransformer } from 'typeorm';

/**
 * decimal comes back as a string from MariaDB and as a number from SQLite: normalise it to a
 * string with two decimals, so money never passes through a float.
 */
export const MONEY: ValueTransformer = {
  // undefined stays undefined, so an insert without a value gets the column's default.
  to: (value: string | null | undefined) => value,
  from: (value: string | number | null) => (value === null ? null : Number(value).toFixed(2)),
};
