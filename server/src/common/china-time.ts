/**
 * Dates as people in China count them: one time zone (UTC+8) and no daylight saving, so a fixed
 * offset is exact. Daily limits reset at Beijing midnight; ages change on Beijing birthdays.
 */
const CHINA_OFFSET_MS = 8 * 3600 * 1000;
const DAY_MS = 24 * 3600 * 1000;

/** The calendar date in China: year, month (1-12) and day. */
export function chinaDate(now: number | Date = Date.now()): { year: number; month: number; day: number } {
  const shifted = new Date(+now + CHINA_OFFSET_MS);
  return { year: shifted.getUTCFullYear(), month: shifted.getUTCMonth() + 1, day: shifted.getUTCDate() };
}

/** `YYYYMMDD` of the day in China, for keys of daily counters. */
export function chinaDay(now = Date.now()): string {
  return new Date(now + CHINA_OFFSET_MS).toISOString().slice(0, 10).replaceAll('-', '');
}

export function msUntilChinaMidnight(now = Date.now()): number {
  return DAY_MS - ((now + CHINA_OFFSET_MS) % DAY_MS);
}

/** The instant a China calendar date (`YYYY-MM-DD`) begins. */
export function chinaDayStart(date: string): Date {
  return new Date(Date.parse(`${date}T00:00:00+08:00`));
}

/** `YYYY-MM-DD HH:mm:ss` in China time, as people in the documents and exports read it. */
export function chinaDateTime(instant: Date): string {
  return new Date(+instant + CHINA_OFFSET_MS).toISOString().slice(0, 19).replace('T', ' ');
}

/** Whether `YYYY-MM-DD` names a real calendar day. */
export function isCalendarDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const parsed = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(+parsed) && parsed.toISOString().slice(0, 10) === value;
}
