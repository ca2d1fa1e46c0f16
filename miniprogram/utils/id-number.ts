import type { Gender } from '@shanqian/shared';

/*
 * Resident ID numbers (GB 11643-1999), read the way the server reads them
 * (server/src/employee/id-number.ts), plus a check while the worker is still typing, so a wrong
 * digit shows up on the field at once rather than after submitting.
 */

/** Weights of the first 17 digits, and the check character for each weighted sum mod 11. */
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK = '10X98765432';

/**
 * The first two digits: provinces of GB/T 2260, plus 81/82/83 of the residence permits of Hong
 * Kong, Macao and Taiwan residents (which carry the same 18-character number).
 */
const PROVINCES = new Set([
  11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46, 50, 51, 52, 53, 54, 61, 62, 63, 64, 65, 71, 81, 82, 83,
]);

const CHINA_OFFSET_MS = 8 * 3600 * 1000;

export const ID_NUMBER_LENGTH = 18;

export interface IdNumberFacts {
  /** YYYY-MM-DD */
  birthDate: string;
  gender: Gender.Male | Gender.Female;
  /** Full years on the day asked about, by the calendar in China (as the server counts). */
  age: number;
}

/** What the field shows while the worker types: nothing yet, how much is left, what is wrong, or what it says. */
export type IdNumberCheck =
  | { state: 'empty' }
  | { state: 'typing'; remaining: number }
  | { state: 'invalid'; message: string }
  | { state: 'valid'; facts: IdNumberFacts };

/** How the server compares: surrounding spaces dropped, a lower-case x accepted. */
export function normalizeIdNumber(value: string): string {
  return value.trim().toUpperCase();
}

/** The check character an 18-digit number must end with. */
export function checkCharacter(first17: string): string {
  const sum = [...first17].reduce((total, digit, i) => total + Number(digit) * WEIGHTS[i], 0);
  return CHECK[sum % 11];
}

/** Full years between a YYYY-MM-DD birth date and `today`, by the calendar in China (UTC+8). */
export function ageOn(birthDate: string, today: Date): number {
  const [year, month, day] = birthDate.split('-').map(Number);
  const china = new Date(today.getTime() + CHINA_OFFSET_MS);
  const [y, m, d] = [china.getUTCFullYear(), china.getUTCMonth() + 1, china.getUTCDate()];
  return y - year - (m < month || (m === month && d < day) ? 1 : 0);
}

/** Whether year, month and day (as digits 7-14 give them) make a real date from 1900 up to today. */
function isPlausibleBirthDate(digits: string, today: Date): boolean {
  const [year, month, day] = [digits.slice(0, 4), digits.slice(4, 6), digits.slice(6, 8)].map(Number);
  const birth = new Date(Date.UTC(year, month - 1, day));
  return year >= 1900 && birth.getUTCMonth() === month - 1 && birth.getUTCDate() === day && birth <= today;
}

/**
 * A complete number: its facts, or a Chinese sentence saying what is wrong. The messages are the
 * server's (so the same problem reads the same before and after submitting), and the province code
 * is checked as well, which catches a mistyped first digit before the check digit does.
 */
export function parseIdNumber(value: string, today: Date): IdNumberFacts | string {
  const id = normalizeIdNumber(value);
  if (!/^\d{17}[\dX]$/.test(id)) return '应为 18 位身份证号码';
  if (!PROVINCES.has(Number(id.slice(0, 2)))) return '前两位不是有效的地区代码，请核对号码';
  if (!isPlausibleBirthDate(id.slice(6, 14), today)) return '出生日期无效';
  if (checkCharacter(id.slice(0, 17)) !== id[17]) return '校验位不正确，请核对号码';
  const birthDate = `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`;
  return {
    birthDate,
    gender: Number(id[16]) % 2 === 1 ? 1 : 2,
    age: ageOn(birthDate, today),
  };
}

/**
 * The check as the worker types, one keystroke at a time: the province code as soon as two digits
 * are there, the birth date as soon as its eight digits are, the check digit at the end.
 */
export function checkIdNumberAsTyped(value: string, today: Date): IdNumberCheck {
  const id = normalizeIdNumber(value);
  if (!id) return { state: 'empty' };
  if (!/^\d*$/.test(id.slice(0, 17)) || !/^[\dX]?$/.test(id.slice(17, 18))) {
    return { state: 'invalid', message: '只能填数字，最后一位可以是 X' };
  }
  if (id.length > ID_NUMBER_LENGTH) return { state: 'invalid', message: '应为 18 位身份证号码' };
  if (id.length >= 2 && !PROVINCES.has(Number(id.slice(0, 2)))) {
    return { state: 'invalid', message: '前两位不是有效的地区代码，请核对号码' };
  }
  if (id.length >= 14 && !isPlausibleBirthDate(id.slice(6, 14), today)) return { state: 'invalid', message: '出生日期无效' };
  if (id.length < ID_NUMBER_LENGTH) return { state: 'typing', remaining: ID_NUMBER_LENGTH - id.length };
  const facts = parseIdNumber(id, today);
  return typeof facts === 'string' ? { state: 'invalid', message: facts } : { state: 'valid', facts };
}
