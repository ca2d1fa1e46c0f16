import { chinaDate, isCalendarDate } from '../common/china-time';
import { AppException } from '../common/app.exception';
import { moneyCents } from '../common/money';
import { ApprovalConfig } from '../config/app-config';

const DAY_MS = 24 * 3600 * 1000;

/** Days since 1970-01-01 of a calendar date: plain day arithmetic, free of time zones. */
const dayNumber = (year: number, month: number, day: number): number => Date.UTC(year, month - 1, day) / DAY_MS;
/** Date.UTC maps years 0-99 to 1900-1999; ISO text does not, so the day number of `YYYY-MM-DD` goes through it. */
const dayNumberOf = (date: string): number => Date.parse(`${date}T00:00:00Z`) / DAY_MS;
const dateOf = (dayNo: number): string => new Date(dayNo * DAY_MS).toISOString().slice(0, 10);

/** The entry dates an approval accepts at `now`: [today - past days, today + future days], today being China's date, YYYY-MM-DD inclusive. */
export function entryDateWindow(limits: ApprovalConfig, now: Date): { from: string; to: string } {
  const today = chinaDate(now);
  const todayNo = dayNumber(today.year, today.month, today.day);
  return { from: dateOf(todayNo - limits.entryDatePastDays), to: dateOf(todayNo + limits.entryDateFutureDays) };
}

/**
 * Checks the terms of an approval against the configured window and range: the entry date is a
 * real calendar day within [today - past days, today + future days], today being China's date at
 * `now`; the salary lies within [SALARY_MIN, SALARY_MAX]. Throws a 400 naming the field and the
 * allowed window.
 */
export function checkApprovalTerms(terms: { entry_date: string; salary: string | number }, limits: ApprovalConfig, now: Date): void {
  if (!isCalendarDate(terms.entry_date)) throw AppException.invalid('entry_date', '不是有效的日期');
  const { from, to } = entryDateWindow(limits, now);
  const entry = dayNumberOf(terms.entry_date);
  if (entry < dayNumberOf(from) || entry > dayNumberOf(to)) throw AppException.invalid('entry_date', `应在 ${from} 到 ${to} 之间`);

  const salary = moneyCents(terms.salary);
  if (salary === null) throw AppException.invalid('salary', '应为最多两位小数的金额');
  if (salary < moneyCents(limits.salaryMin)! || salary > moneyCents(limits.salaryMax)!) {
    throw AppException.invalid('salary', `应在 ${limits.salaryMin} 到 ${limits.salaryMax} 元之间`);
  }
}
