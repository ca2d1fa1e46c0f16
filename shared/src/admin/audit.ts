import type { PageQuery } from '../envelope';

/**
 * `GET /admin/audit-logs` (super admins only), newest first. Every filter is optional; a day is a
 * China calendar day (`to` includes it), an instant carries its offset (`2025-01-31T08:00:00+08:00`).
 */
export interface AuditLogQuery extends PageQuery {
  admin_id?: number | null;
  /** Exactly, e.g. `employee.reveal_id_number`. */
  action?: string | null;
  /** The kind of record acted on, e.g. `sign_apply`, `company`. */
  target_type?: string | null;
  target_id?: number | null;
  from?: string | null;
  to?: string | null;
}

/** One entry of the audit trail: who, when, what, on which record, from where. */
export interface AuditLogRow {
  id: number;
  /** Null for a failed login under an unknown user name. */
  admin_id: number | null;
  /** As it was at the time. */
  admin_username: string;
  action: string;
  target_type: string | null;
  target_id: number | null;
  /** The JSON the entry was written with (never a password or a full ID number); the raw text if it was cut at 2000 characters. */
  detail: unknown;
  ip: string;
  created_at: string;
}
