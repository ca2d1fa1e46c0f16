/**
 * The partner bridges in the back office (`/admin/bridges/*`): their status, the Moka import and
 * syncs, LeapIn's AI-interview invitations, the Feishu Hire link. Wire format, snake_case like the
 * rest of the API; the mini-program's POST /employee/prefill is in api.ts.
 */

/** The partner systems: LeapIn (AI interviews), Moka (offers, people, departments), Feishu Hire (飞书招聘). */
export type BridgeName = 'leapin' | 'moka' | 'feishu';

/** One bridge in `GET /admin/bridges/status`. */
export interface BridgeStatus {
  name: BridgeName;
  /** False while its settings are absent: its actions answer 409 BridgeNotConfigured. */
  configured: boolean;
  /** The newest call that succeeded. */
  last_success_at: string | null;
  /** Queued work not yet done (invitations, mirrors, syncs). */
  pending_jobs: number;
  /** The newest errors first, at most 20. */
  recent_errors: { at: string; operation: string; message: string }[];
}

/** POST /admin/bridges/moka/import */
export interface MokaImportRequest {
  stage: 'offer' | 'pending_checkin' | 'all';
  /** Moved into the stage at or after this time (`YYYY-MM-DD` or `YYYY-MM-DD HH:mm:ss`, China time); Moka's movedAtStartTime. */
  moved_from?: string;
  /** … and at or before this time; Moka's movedAtEndTime. */
  moved_to?: string;
}

export interface MokaImportResponse {
  /** New pre-filled records. */
  imported: number;
  /** Records that Moka's data changed. */
  updated: number;
  /** Applications imported before and unchanged since. */
  skipped: number;
  /** Applications that could not become a record (no mainland mobile number, no name…). */
  failed: { applicationId: string; reason: string }[];
}

/** Shared by the two syncs: `done` once every job of the run has run, `queued` while Moka has work pending. */
export type MokaRunState = 'queued' | 'done';

/** POST /admin/bridges/moka/sync-users (the body may be empty). */
export interface MokaUserSyncRequest {
  /** How long to wait for the queued work before answering (0-60, default 10): the report so far comes back either way. */
  wait_seconds?: number;
}

/** POST /admin/bridges/moka/sync-users and GET /admin/bridges/moka/runs/:run_id of such a run. */
export interface MokaUserSyncReport {
  run_id: string;
  kind: 'sync-users';
  state: MokaRunState;
  /** Admin users considered. */
  users: number;
  /** Users Moka accepted. */
  synced: number;
  /** Every user that could not be synced, with why (ours: no email; or Moka's reason). */
  failed: { user_id: number; username: string; email: string | null; reason: string }[];
}

export type MokaDepartmentSyncMode = 'incremental' | 'update' | 'full';

/** POST /admin/bridges/moka/sync-departments */
export interface MokaDepartmentSyncRequest extends MokaUserSyncRequest {
  mode: MokaDepartmentSyncMode;
  /** Required true for `full`: Moka marks every department missing from the list as deleted. */
  confirm?: boolean;
}

/** POST /admin/bridges/moka/sync-departments and GET /admin/bridges/moka/runs/:run_id of such a run. */
export interface MokaDepartmentSyncReport {
  run_id: string;
  kind: 'sync-departments';
  mode: MokaDepartmentSyncMode;
  state: MokaRunState;
  /** Companies considered (every company for `full`). */
  companies: number;
  /** Companies Moka accepted in this run; new or changed ones only for `incremental` and `update`. */
  synced: number;
  failed: { company_id: number; company_name: string; reason: string }[];
  /** `full` only, once done: what Moka counted. */
  counts: { new: number; update: number; delete: number } | null;
  /** `full` only: why Moka refused the list. */
  error: string | null;
}

export type MokaRunReport = MokaUserSyncReport | MokaDepartmentSyncReport;

/** `GET /admin/bridges/leapin/jobs`: LeapIn's jobs from `page` on, every page. */
export interface LeapinJobsQuery {
  page?: number | null;
  page_size?: number | null;
}

/** A LeapIn job, whose AI interview applicants are invited to. */
export interface LeapinJob {
  id: number;
  name: string;
  create_time: string;
  /** 0 open, 1 closed. */
  status: number;
}

export interface LeapinJobList {
  count: number;
  results: LeapinJob[];
}

/** `POST /admin/bridges/leapin/invite` (super only). */
export interface LeapinInviteRequest {
  job_id: number;
  /** 1-100 sign application ids the admin may see. */
  application_ids: number[];
  /** Let LeapIn send the invitation itself (LeapIn's default: no). */
  trigger_notice?: boolean;
  /** Days the interview link stays valid, 1-365 (LeapIn's default: 7). */
  expire_days?: number | null;
}

export interface LeapinInviteResponse {
  job_id: number;
  /** Applications whose invitation is now in the queue (or still is). */
  queued: number[];
  /** Applications whose person LeapIn has already invited to this job: nothing was done. */
  already_invited: number[];
}

/** `POST /admin/bridges/leapin/pull` (super only): the invited people's interview outcomes read from LeapIn now. */
export interface LeapinPullResponse {
  /** LeapIn jobs read. */
  jobs: number;
  /** Invitations LeapIn knows of. */
  invites: number;
  /** Invitations whose status, report or score changed. */
  updated: number;
}

/** `GET /admin/bridges/feishu/external-applications?talent_id=` */
export interface FeishuTalentQuery {
  talent_id: string;
}

/** An external application (外部投递) of a talent, as Feishu Hire lists it. */
export interface FeishuExternalApplication {
  id?: string;
  talent_id: string;
  job_title?: string;
  stage?: string;
  job_recruitment_type?: number;
  resume_source?: string;
  termination_reason?: string;
  termination_type?: string;
  delivery_type?: number;
  /** Milliseconds since the epoch. */
  create_time?: number;
  modify_time?: number;
}

export interface FeishuExternalApplications {
  talent_id: string;
  count: number;
  items: FeishuExternalApplication[];
}

/** `POST /admin/bridges/feishu/link` (super only): one of our applications, mirrored to a Feishu Hire talent from now on. */
export interface FeishuLinkRequest {
  application_id: number;
  /** Feishu Hire's talent id: digits, letters, _ or -, at most 32. */
  talent_id: string;
}

/** The answer of the link, and `GET /admin/bridges/feishu/links/:applicationId`. */
export interface FeishuLinkView {
  application_id: number;
  talent_id: string;
  /** Feishu's id of the mirror (the external application), null until it has been created. */
  external_application_id: string | null;
  /** The stage last handed to Feishu (sent, or queued while Feishu is unavailable). */
  last_stage: string | null;
  /** When Feishu last confirmed a mirror. */
  synced_at: string | null;
}
