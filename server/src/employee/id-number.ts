import { Gender } from '@shanqian/shared';
import { chinaDate } from '../common/china-time';

/** GB 11643-1999 weights of the first 17 digits, and the check character for each sum mod 11. */
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK = '10X98765432';

export interface ResidentIdFacts {
  /** YYYY-MM-DD */
  birthDate: string;
  gender: Gender.Male | Gender.Female;
}

/** The check character an 18-digit resident ID number must end with. */
export function checkCharacter(first17: string): string {
  const sum = [...first17].reduce((total, digit, i) => total + Number(digit) * WEIGHTS[i], 0);
  return CHECK[sum % 11];
}

/**
 * Reads an 18-digit resident ID number: answers its birth date and sex, or a Chinese sentence
 * saying what is wrong with it.
 */
export function parseResidentId(value: string, today = new Date()): ResidentIdFacts | string {
  const id = value.trim().toUpperCase();
  if (!/^\d{17}[\dX]$/.test(id)) return '应为 18 位身份证号码';
  const [year, month, day] = [id.slice(6, 10), id.slice(10, 12), id.slice(12, 14)].map(Number);
  const birth = new Date(Date.UTC(year, month - 1, day));
  if (year < 1900 || birth.getUTCMonth() !== month - 1 || birth.getUTCDate() !== day || birth > today) {
    return '出生日期无效';
  }
  if (checkCharacter(id.slice(0, 17)) !== id[17]) return '校验位不正确，请核对号码';
  return {
    birthDate: `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`,
    gender: Number(id[16]) % 2 === 1 ? Gender.Male : Gender.Female,
  };
}

/** Full years between a YYYY-MM-DD birth date and `today`, by the calendar in China (UTC+8). */
export function ageOn(birthDate: string, today = new Date()): number {
  const [year, month, day] = birthDate.split('-').map(Number);
  const { year: y, month: m, day: d } = chinaDate(today);
  return y - year - (m < month || (m === month && d < day) ? 1 : 0);
}
