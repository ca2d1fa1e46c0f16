/**
 * LeapIn's open API as its documentation shows it (SaaS平台开放接口文档): every answer is
 * `{code, error_msg, data}` with code 0 for success, except the token call which carries `token`
 * beside `code`. Lists are pages `{count, next, previous, results}` whose next/previous are absolute URLs.
 */
export interface LeapinEnvelope<T> {
  code: number;
  error_msg?: string;
  data?: T;
}

export interface LeapinPage<T> {
  count: number;
  next: string | null;
  previous: string | null;
  results: T[];
}

/** GET /jobs/: status 0 open, 1 closed. */
export interface LeapinJob {
  id: number;
  name: string;
  create_time: string;
  status: number;
}

/** One entry of candidate_list in POST /jobs/<job_id>/applications/. */
export interface LeapinCandidate {
  /** The candidate's id in our system: 闪签云's employee id. */
  unique_id?: number;
  name: string;
  email: string;
  mobile: string;
  /** Default "86". */
  mobile_country_code?: string;
  /** 0 male, 1 female. */
  gender?: number;
  avatar_url?: string;
  resume_url?: string;
}

export interface LeapinInviteOptions {
  /** Let LeapIn notify the candidate itself (LeapIn's default: false). */
  trigger_notice?: boolean;
  /** Days the AI-interview link stays valid (LeapIn's default: 7). */
  expire_days?: number;
}

/** What POST /jobs/<job_id>/applications/ answers for an invited candidate. */
export interface LeapinInvitation {
  id: number;
  unique_id?: number;
  interview_url?: string;
  invite_code?: string;
  create_date?: string;
  /** 0 invited, 1 AI interview submitted, 3 second interview, 4 hired, 5 not suitable. */
  status: number;
  /** 0 none, 1 generating, 2 failed, 3 ready. */
  report_status: number;
}

/** GET /jobs/applications/: query. */
export interface LeapinApplicationQuery {
  page?: number;
  page_size?: number;
  status?: number;
  job_id?: number;
  report_status?: number;
}

/** GET /jobs/applications/: one candidate's application. */
export interface LeapinApplication {
  id: number;
  name: string;
  email: string;
  mobile: string;
  mobile_country_code: string;
  status: number;
  create_time: string;
  invite_time: string;
  submit_time: string;
  report_status: number;
  leapin_rank: number | null;
  leapin_total_score: number | null;
  leapin_report_url: string | null;
}
