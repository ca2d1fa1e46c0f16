import { ErrorCode } from '@shanqian/shared';
import { ApprovalConfig } from '../config/app-config';
import { checkApprovalTerms } from './approval-terms';

const LIMITS: ApprovalConfig = { entryDatePastDays: 30, entryDateFutureDays: 365, salaryMin: '1000.00', salaryMax: '1000000.00' };
/** 2026-12-02 00:30 in China, still 2026-12-01 in UTC: today is the 2nd. */
const JUST_AFTER_CHINA_MIDNIGHT = new Date('2026-12-01T16:30:00Z');
/** 2026-12-02 23:59 in China. */
const JUST_BEFORE_CHINA_MIDNIGHT = new Date('2026-12-02T15:59:59Z');

const check = (terms: { entry_date: string; salary: string | number }, now = JUST_AFTER_CHINA_MIDNIGHT, limits = LIMITS) => () =>
  checkApprovalTerms(terms, limits, now);
const refusal = (field: string, text: string) => expect.objectContaining({ code: ErrorCode.ValidationFailed, httpStatus: 400, message: expect.stringContaining(`${field}: ${text}`) });

describe('checkApprovalTerms', () => {
  it('accepts an entry date within [today - 30, today + 365] by China\'s calendar', () => {
    for (const now of [JUST_AFTER_CHINA_MIDNIGHT, JUST_BEFORE_CHINA_MIDNIGHT]) {
      for (const entry_date of ['2026-11-02', '2026-12-02', '2026-12-16', '2027-12-02']) expect(check({ entry_date, salary: '6500.00' }, now)).not.toThrow();
    }
  });

  it('counts the days from China\'s date, not UTC\'s: half an hour after China\'s midnight the window has moved', () => {
    // In UTC it is still 2026-12-01, whose window would reach back to 2026-11-01.
    expect(check({ entry_date: '2026-11-01', salary: 6500 })).toThrow(refusal('entry_date', '应在 2026-11-02 到 2027-12-02 之间'));
    expect(check({ entry_date: '2027-12-03', salary: 6500 }, JUST_BEFORE_CHINA_MIDNIGHT)).toThrow(refusal('entry_date', '应在 2026-11-02 到 2027-12-02 之间'));
  });

  it('refuses dates far away, including years 0-99 that Date.UTC would read as 1900-1999', () => {
    for (const entry_date of ['0050-06-01', '1950-06-01', '9999-12-31', '2126-12-02']) {
      expect(check({ entry_date, salary: 6500 })).toThrow(refusal('entry_date', '应在 2026-11-02 到 2027-12-02 之间'));
    }
  });

  it('refuses days that do not exist', () => {
    for (const entry_date of ['2027-02-29', '2026-13-01', '2026-12-32', '2026-12-1', 'tomorrow', '']) {
      expect(check({ entry_date, salary: 6500 })).toThrow(refusal('entry_date', '不是有效的日期'));
    }
    expect(check({ entry_date: '2027-02-28', salary: 6500 })).not.toThrow();
  });

  it('uses the configured window', () => {
    const narrow = { ...LIMITS, entryDatePastDays: 0, entryDateFutureDays: 7 };
    expect(check({ entry_date: '2026-12-09', salary: 6500 }, JUST_AFTER_CHINA_MIDNIGHT, narrow)).not.toThrow();
    expect(check({ entry_date: '2026-12-01', salary: 6500 }, JUST_AFTER_CHINA_MIDNIGHT, narrow)).toThrow(refusal('entry_date', '应在 2026-12-02 到 2026-12-09 之间'));
  });

  it('accepts a salary within [SALARY_MIN, SALARY_MAX], as a number or as text', () => {
    for (const salary of ['1000.00', 1000, '6500', 6500.5, '1000000.00', 1000000]) expect(check({ entry_date: '2026-12-16', salary })).not.toThrow();
  });

  it('refuses a salary outside the range, naming it', () => {
    for (const salary of ['0.01', 999.99, '1000000.01', '9999999999999.99']) {
      expect(check({ entry_date: '2026-12-16', salary })).toThrow(refusal('salary', '应在 1000.00 到 1000000.00 元之间'));
    }
    expect(check({ entry_date: '2026-12-16', salary: '1e3' })).toThrow(refusal('salary', '应为最多两位小数的金额'));
    const custom = { ...LIMITS, salaryMin: '2200.00', salaryMax: '50000.00' };
    expect(check({ entry_date: '2026-12-16', salary: '2199.99' }, JUST_AFTER_CHINA_MIDNIGHT, custom)).toThrow(refusal('salary', '应在 2200.00 到 50000.00 元之间'));
  });
});
