import type { Gender, SignApplicationStatus, VerifyStatus } from '../enums';
import type { EmployeeEducation, EmployeeWorkExperience, EventChainState, ResumeFields } from '../api';
import type { PageQuery } from '../envelope';
import type { ErrorCode } from '../error-codes';

/** `sort` of the queue and its export: by apply time, `-apply_time` newest first (the default). */
export const APPLICATION_SORTS = ['-apply_time', 'apply_time'] as const;
export type ApplicationSort = (typeof APPLICATION_SORTS)[number];

/** `GET /admin/applications` and `GET /admin/applications/export` */
export interface ApplicationListQuery extends PageQuery {
  status?: SignApplicationStatus | null;
  company_id?: number | null;
  handler_id?: number | null;
  /** Name or phone, anywhere in it; at most 32 characters. */
  keyword?: string | null;
  /** Apply time from this China calendar day (YYYY-MM-DD) on, inclusive. */
  from?: string | null;
  /** Apply time up to this China calendar day, inclusive. */
  to?: string | null;
  sort?: ApplicationSort | null;
}

/** One application as HR's queue lists it, and the answer of every decision. */
export interface ApplicationRow {
  id: number;
  employee_id: number;
  real_name: string;
  phone: string;
  /** First 4 and last 4 characters only. */
  id_number_masked: string;
  gender: Gender;
  age: number;
  company_id: number;
  company_name: string;
  work_pos: string;
  handler_id: number;
  handler_name: string;
  status: SignApplicationStatus;
  status_label: string;
  /** The rejection or cancellation reason, '' when there is none. */
  reason: string;
  /** ISO 8601, UTC. */
  apply_time: string;
  /** YYYY-MM-DD once approved. */
  entry_date: string | null;
  /** Yuan, two decimals, once approved (`"6500.50"`). */
  salary: string;
  contract_id: number | null;
  verify_status: VerifyStatus;
}

/** At most this many applications in one bulk decision. */
export const BULK_DECISION_MAX = 100;

/** `POST /admin/applications/bulk-approve`: the same terms for every application named. */
export interface BulkApproveRequest extends ApproveApplicationRequest {
  /** 1 to BULK_DECISION_MAX distinct application ids. */
  ids: number[];
}

/** `POST /admin/applications/bulk-reject`: the same reason for every application named. */
export interface BulkRejectRequest extends RejectApplicationRequest {
  ids: number[];
}

/** What became of one application of a bulk decision: decided, or the refusal its own route would have answered. */
export type BulkDecisionOutcome =
  | { id: number; ok: true; application: ApplicationRow }
  | { id: number; ok: false; code: ErrorCode; msg: string };

/** `data` of the bulk decisions: one outcome per id, in the order asked. */
export interface BulkDecisionResponse {
  results: BulkDecisionOutcome[];
  succeeded: number;
  failed: number;
}

/** `POST /admin/applications/:id/approve`: the contract's terms. */
export interface ApproveApplicationRequest {
  /** An enabled contract template of the application's company. */
  contract_id: number;
  /** YYYY-MM-DD, within the window of GET /admin/settings/approval. */
  entry_date: string;
  /** Monthly salary in yuan, at most two decimals (`"6500.50"`), within the settings' range. */
  salary: string;
}

/** `POST /admin/applications/:id/reject` */
export interface RejectApplicationRequest {
  /** Shown to the worker; at most 256 characters. */
  reason: string;
}

/** `POST /admin/applications/:id/cancel` */
export interface CancelApplicationRequest {
  /** At most 256 characters. */
  reason?: string | null;
}

/**
 * `GET /admin/settings/approval`: the limits the server checks an approval's terms against
 * (APPROVAL_ENTRY_DATE_PAST_DAYS, APPROVAL_ENTRY_DATE_FUTURE_DAYS, SALARY_MIN, SALARY_MAX), so that
 * the console's form refuses what the server would.
 */
export interface ApprovalSettings {
  entry_date_past_days: number;
  entry_date_future_days: number;
  /** The window itself, YYYY-MM-DD inclusive, counted from today in China by the server's clock. */
  entry_date_from: string;
  entry_date_to: string;
  /** Yuan, two decimals (`"1000.00"`). */
  salary_min: string;
  salary_max: string;
}

/** The worker's resume as HR reviews it: every field but the ID number, which is masked (POST …/reveal shows it, audited). */
export interface ApplicationResume extends Omit<ResumeFields, 'id_number'> {
  id_number_masked: string;
  /** Signed links to the ID card photos, valid about an hour: a fresh GET of the detail signs new ones. */
  id_card_front: string;
  id_card_back: string;
  employee_edu: EmployeeEducation[];
  work_exp: EmployeeWorkExperience[];
}

/** The contract template an approval chose. */
export interface ApplicationContractRef {
  id: number;
  contract_name: string;
  contract_body: string;
  sign_year: number;
}

/** One real-name check of the worker, newest first. */
export interface RealnameCheckView {
  provider: string;
  with_selfie: boolean;
  outcome: 'passed' | 'failed' | 'error';
  reason: string;
  /** The provider's request id, to find the check in its console. */
  request_id: string | null;
  ip: string;
  created_at: string;
}

/** The contract both parties signed. */
export interface SignedDocumentView {
  signed_at: string | null;
  sha256: string | null;
  timestamp_at: string | null;
  /** A signed link to the PDF, valid `expires_in` seconds. */
  url: string;
  expires_in: number;
}

/** One of the application's LeapIn (AI interview) invitations. */
export interface LeapinInterviewView {
  job_id: number;
  leapin_application_id: number | null;
  interview_url: string | null;
  /** LeapIn's candidate status: 0 invited, 1 AI interview submitted, 3 second interview, 4 hired, 5 not suitable. */
  status: number | null;
  /** 0 none, 1 generating, 2 failed, 3 ready. */
  report_status: number | null;
  leapin_total_score: string | null;
  leapin_rank: number | null;
  leapin_report_url: string | null;
  invited_at: string | null;
  pulled_at: string | null;
}

/** The Moka offer the worker's resume was pre-filled from, when there was one (the latest). */
export interface MokaSourceView {
  moka_application_id: string;
  /** Moka's stage when last imported. */
  stage: string;
  position: string | null;
  entry_date: string | null;
  salary: string | null;
  email: string | null;
  imported_at: string;
  updated_at: string;
}

/** What can happen to an application; each is one row of its hash-chained history. */
export type ApplicationEventType =
  | 'applied'
  | 'resubmitted'
  | 'updated'
  | 'approved'
  | 'rejected'
  | 'cancelled'
  | 'realname_passed'
  | 'realname_failed'
  | 'contract_viewed'
  | 'intent_confirmed'
  | 'signed';

export interface ApplicationEventView {
  event: ApplicationEventType;
  from_status: SignApplicationStatus | null;
  to_status: SignApplicationStatus;
  /** The worker (`actor_id` their WeChat user) or an admin (`actor_id` the admin's id). */
  actor_type: 'employee' | 'admin';
  actor_id: number;
  /** The worker's name, or the admin's name (else username); null for an admin since deleted. */
  actor_name: string | null;
  ip: string;
  city: string | null;
  lng: number | null;
  lat: number | null;
  /** JSON text of what the event decided (a reason, the approved terms), '' when nothing. */
  detail: string;
  created_at: string;
}

/** `GET /admin/applications/:id`: everything HR reviews about one application. */
export interface ApplicationDetail {
  application: ApplicationRow;
  resume: ApplicationResume;
  /** The approved contract template, null before an approval. */
  contract: ApplicationContractRef | null;
  verify_status: VerifyStatus;
  verify_reason: string;
  realname_checks: RealnameCheckView[];
  /** Null until both parties signed. */
  document: SignedDocumentView | null;
  leapin: LeapinInterviewView[];
  moka: MokaSourceView | null;
  /** Oldest first. */
  events: ApplicationEventView[];
  event_chain: EventChainState;
}

/** `POST /admin/applications/:id/reveal`: the full ID number (the reveal is in the audit log). */
export interface RevealIdNumberResponse {
  id_number: string;
}
