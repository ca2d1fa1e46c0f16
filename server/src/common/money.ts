/** decimal(15,2): up to 13 integer digits and up to 2 decimals, no sign, no exponent, no inner spaces. */
const MONEY = /^(\d{1,13})(?:\.(\d{1,2}))?$/;

/**
 * An amount of money as the canonical decimal(15,2) text (`"6500.00"`), or null when it is not one.
 * A JSON number and a numeric string are judged by the same rule: the number by its shortest text
 * (so `6500.5` passes and `6500.555` or `1e21` do not), the string as given, trimmed.
 */
export function canonicalMoney(value: unknown): string | null {
  const text = typeof value === 'number' ? (Number.isFinite(value) ? String(value) : '') : typeof value === 'string' ? value.trim() : '';
  const match = MONEY.exec(text);
  return match ? `${Number(match[1])}.${(match[2] ?? '').padEnd(2, '0')}` : null;
}

/** An amount in whole fen, or null when `value` is not money (see canonicalMoney); exact below 2^53. */
export function moneyCents(value: unknown): number | null {
  const canonical = canonicalMoney(value);
  return canonical === null ? null : Number(canonical.replace('.', ''));
}
