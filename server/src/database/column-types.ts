import { ValueTransformer } from 'typeorm';

/**
 * decimal comes back as a string from MariaDB and as a number from SQLite: normalise it to a
 * string with two decimals, so money never passes through a float.
 */
export const MONEY: ValueTransformer = {
  to: (value: string | null | undefined) => value ?? null,
  from: (value: string | number | null) => (value === null ? null : Number(value).toFixed(2)),
};
