import type { SignApplicationStatus } from '../enums';

/** One China calendar day of the dashboard's chart. */
export interface ApplicationDayCount {
  /** YYYY-MM-DD, China time. */
  date: string;
  /** Applications submitted that day: first applications and resubmissions after a rejection or a cancellation. */
  applied: number;
  /** Contracts signed that day. */
  signed: number;
}

/**
 * `GET /admin/applications/stats`: the dashboard's figures, over the applications the admin may see
 * (like the list: an hr admin without the view-all grant, those they handle). Days and weeks are
 * China's (weeks start on Monday), "now" is the server's clock.
 */
export interface ApplicationStats {
  /** The server's today, YYYY-MM-DD in China: the last day of `daily`. */
  today: string;
  /** Applications now in each status; every status is present, 0 when none. */
  by_status: Record<SignApplicationStatus, number>;
  /** Every application, whatever its status. */
  total: number;
  /** Submitted today (first applications and resubmissions). */
  new_today: number;
  /** Waiting for review (签约申请) since more than 24 hours. */
  waiting_over_24h: number;
  /** Approved (待签约) more than 3 days ago and still not signed. */
  unsigned_over_3d: number;
  /** Signed since Monday 00:00. */
  signed_this_week: number;
  /** The last 30 days, oldest first, days without any as zeros. */
  daily: ApplicationDayCount[];
}
