import type { AdminUserListQuery, AdminUserRow, Page } from '@shanqian/shared';
import { api } from '../api/request';
import { ServerSearchSelect } from './server-search-select';

interface AdminUserSelectProps {
  value?: number;
  onChange?: (value: number | undefined) => void;
  id?: string;
  /** What the admin is to the page (处理人, 管理员): the field's name, its placeholder and its states say it. */
  noun: string;
  /** How many admins are listed before the clerk types. */
  pageSize: number;
  optionLabel: (admin: AdminUserRow) => string;
  failedText: string;
  /** The chosen admin's name when it may not be among the admins found. */
  knownName?: string;
}

/**
 * Any admin, disabled ones too (their applications and their trail stay), found by name or login on
 * the server. GET /admin/users is a super admin's: for their filters only.
 */
export function AdminUserSelect({ value, onChange, id, noun, pageSize, optionLabel, failedText, knownName }: AdminUserSelectProps) {
  return (
    <ServerSearchSelect<AdminUserRow>
      id={id}
      value={value}
      onChange={onChange}
      aria-label={noun}
      placeholder={`全部${noun}`}
      allowClear
      search={(keyword) => {
        const query: AdminUserListQuery = { keyword: keyword || undefined, page_size: pageSize };
        return { queryKey: ['admin', 'users', query], queryFn: ({ signal }) => api<Page<AdminUserRow>>('GET', '/admin/users', { query: { ...query }, signal }) };
      }}
      optionLabel={optionLabel}
      missingLabel={(missing) => knownName ?? `${noun} #${missing}`}
      notFound={{ failed: failedText, none: `没有匹配的${noun}` }}
    />
  );
}
