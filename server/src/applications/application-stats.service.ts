import { Inject, Injectable } from '@nestjs/common';
import { ApplicationDayCount, ApplicationStats, SignApplicationStatus } from '@shanqian/shared';
import { chinaDate, chinaDayStart } from '../common/china-time';
import { Clock, CLOCK } from '../common/clock';
import { ApplicationScope } from './application-access';
import { SignApplicationEventType } from './sign-application-event.entity';
import { SignApplicationRepository } from './sign-application.repository';

const HOUR_MS = 3600 * 1000;
/** Days in the dashboard's chart, today included. */
const STATS_DAYS = 30;
/** An application waiting for review longer than this is overdue. */
const REVIEW_DUE_MS = 24 * HOUR_MS;
/** An approved contract not signed within this is overdue. */
const SIGNING_DUE_MS = 3 * 24 * HOUR_MS;

/** What puts an application in front of HR: its first submission, or a resubmission after a rejection or a cancellation. */
const SUBMITTED: readonly SignApplicationEventType[] = ['applied', 'resubmitted'];
const APPROVED: readonly SignApplicationEventType[] = ['approved'];
const STATUSES = Object.values(SignApplicationStatus).filter((status): status is SignApplicationStatus => typeof status === 'number');

/**
 * The dashboard's figures, counted by the database from the applications and their history (whose
 * times come from the application's clock), never by loading the rows.
 */
@Injectable()
export class ApplicationStatsService {
  constructor(
    private readonly applications: SignApplicationRepository,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async stats(scope: ApplicationScope): Promise<ApplicationStats> {
    const now = this.clock.now();
    const days = Array.from({ length: STATS_DAYS }, (_, i) => chinaDayFrom(now, i - (STATS_DAYS - 1)));
    const today = days[days.length - 1];
    const { year, month, day } = chinaDate(now);
    const sinceMonday = (new Date(Date.UTC(year, month - 1, day)).getUTCDay() + 6) % 7;
    const monday = chinaDayFrom(now, -sinceMonday);

    const [byStatus, waiting, unsigned, perDay] = await Promise.all([
      this.applications.countByStatus(scope),
      this.applications.countInStatusSince(scope, SignApplicationStatus.Applied, SUBMITTED, new Date(now - REVIEW_DUE_MS)),
      this.applications.countInStatusSince(scope, SignApplicationStatus.PendingSignature, APPROVED, new Date(now - SIGNING_DUE_MS)),
      // The week starts at most six days back: within the chart's days.
      this.applications.countEventsPerChinaDay(scope, [...SUBMITTED, 'signed'], chinaDayStart(days[0])),
    ]);

    const daily = new Map<string, ApplicationDayCount>(days.map((date) => [date, { date, applied: 0, signed: 0 }]));
    for (const { day: date, event, count } of perDay) {
      const entry = daily.get(date);
      // A day outside the chart can only be an event written after `now` was read.
      if (!entry) continue;
      if (event === 'signed') entry.signed += count;
      else entry.applied += count;
    }
    return {
      today,
      by_status: Object.fromEntries(STATUSES.map((status) => [status, byStatus.get(status) ?? 0])) as ApplicationStats['by_status'],
      total: [...byStatus.values()].reduce((sum, n) => sum + n, 0),
      new_today: daily.get(today)!.applied,
      waiting_over_24h: waiting,
      unsigned_over_3d: unsigned,
      signed_this_week: [...daily.values()].filter((entry) => entry.date >= monday).reduce((sum, entry) => sum + entry.signed, 0),
      daily: [...daily.values()],
    };
  }
}

/** The China calendar day `offset` days from the one `now` falls on, as YYYY-MM-DD. */
function chinaDayFrom(now: number, offset: number): string {
  const { year, month, day } = chinaDate(now);
  return new Date(Date.UTC(year, month - 1, day + offset)).toISOString().slice(0, 10);
}
