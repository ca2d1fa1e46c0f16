/**
 * Request and response shapes of the Moka bridge's back-office endpoints (wire format, snake_case
 * like the rest of the API). The mini-program's POST /employee/prefill is in shared/.
 */

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
