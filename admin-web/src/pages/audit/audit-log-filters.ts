import type { AuditLogQuery } from '@shanqian/shared';
import { isCalendarDay } from '../applications/queue-filters';

/** What the audit log shows, as its address holds it: a reload, the back button or a shared link show the same entries. */
export interface AuditLogFilters extends AuditLogQuery {
  action?: string;
  admin_id?: number;
  target_type?: string;
  target_id?: number;
  /** China days, YYYY-MM-DD, both inclusive. */
  from?: string;
  to?: string;
  page: number;
  page_size: number;
}

export const AUDIT_PAGE_SIZES = [20, 50, 100] as const;
const DEFAULT_PAGE_SIZE = AUDIT_PAGE_SIZES[0];
/** The server's limits: a longer code or a later page is refused, so the address never asks for one. */
const ACTION_MAX = 48;
const TARGET_TYPE_MAX = 32;
const PAGE_MAX = 100_000;
const ID_MAX = 2_147_483_647;

function id(text: string | null, max = ID_MAX): number | undefined {
  if (!text || !/^[1-9]\d{0,9}$/.test(text)) return undefined;
  const value = Number(text);
  return value <= max ? value : undefined;
}

function code(text: string | null, max: number): string | undefined {
  const value = text?.trim();
  return value && value.length <= max && /^[a-z0-9_.]+$/.test(value) ? value : undefined;
}

/** Reads the filters from the address, leaving out whatever the server would refuse. */
export function parseAuditFilters(search: URLSearchParams): AuditLogFilters {
  const day = (name: string) => {
    const value = search.get(name);
    return isCalendarDay(value) ? value : undefined;
  };
  const [from, to] = [day('from'), day('to')];
  // An impossible range (to before from) is dropped whole rather than guessed at.
  const impossible = !!from && !!to && to < from;
  const pageSize = id(search.get('page_size'));
  return {
    action: code(search.get('action'), ACTION_MAX),
    admin_id: id(search.get('admin_id')),
    target_type: code(search.get('target_type'), TARGET_TYPE_MAX),
    target_id: id(search.get('target_id')),
    from: impossible ? undefined : from,
    to: impossible ? undefined : to,
    page: id(search.get('page'), PAGE_MAX) ?? 1,
    page_size: AUDIT_PAGE_SIZES.find((size) => size === pageSize) ?? DEFAULT_PAGE_SIZE,
  };
}

/** The address of these filters, defaults left out so that a plain /audit-logs stays plain. */
export function auditSearch(filters: AuditLogFilters): URLSearchParams {
  const params = new URLSearchParams();
  for (const name of ['action', 'admin_id', 'target_type', 'target_id', 'from', 'to'] as const) {
    const value = filters[name];
    if (value !== undefined && value !== '') params.set(name, String(value));
  }
  if (filters.page !== 1) params.set('page', String(filters.page));
  if (filters.page_size !== DEFAULT_PAGE_SIZE) params.set('page_size', String(filters.page_size));
  return params;
}

/** Whether anything narrows the log (the empty state then offers to clear it). */
export function isAuditFiltered(filters: AuditLogFilters): boolean {
  return [filters.action, filters.admin_id, filters.target_type, filters.target_id, filters.from, filters.to].some((value) => value !== undefined);
}
