import { type AdminUserListQuery, type AdminUserRow, EnabledFlag, type Page } from '@shanqian/shared';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Select } from 'antd';
import { useEffect, useState } from 'react';
import { api } from '../../api/request';

/** How a handler reads in the queue's filter: the name the workers chose them by, the login beside it. */
const handlerLabel = (admin: AdminUserRow) =>
  `${admin.name || admin.username}（${admin.username}）${admin.status === EnabledFlag.Enabled ? '' : '（已停用）'}`;

/**
 * The handler filter of a super admin (GET /admin/users is theirs): every admin, disabled ones too,
 * since their applications stay. One request per search, the server matching names and logins.
 */
export function QueueHandlerSelect(props: { value?: number; onChange?: (value: number | undefined) => void; knownName?: string; id?: string }) {
  const { value, onChange, knownName, id } = props;
  const [typed, setTyped] = useState('');
  const [keyword, setKeyword] = useState('');
  useEffect(() => {
    const timer = setTimeout(() => setKeyword(typed.trim()), 300);
    return () => clearTimeout(timer);
  }, [typed]);
  const query: AdminUserListQuery = { keyword: keyword || undefined, page_size: 100 };
  const admins = useQuery({
    queryKey: ['admin', 'users', query],
    queryFn: ({ signal }) => api<Page<AdminUserRow>>('GET', '/admin/users', { query: { ...query }, signal }),
    placeholderData: keepPreviousData,
  });
  const options = (admins.data?.list ?? []).map((admin) => ({ value: admin.id, label: handlerLabel(admin) }));
  if (value !== undefined && !options.some((option) => option.value === value)) options.unshift({ value, label: knownName ?? `处理人 #${value}` });
  return (
    <Select<number>
      id={id}
      aria-label="处理人"
      placeholder="全部处理人"
      allowClear
      value={value}
      onChange={(next) => onChange?.(next)}
      options={options}
      loading={admins.isFetching}
      showSearch={{ filterOption: false, onSearch: setTyped }}
      notFoundContent={admins.isError ? '处理人加载失败，请重新搜索' : admins.isFetching ? '加载中…' : '没有匹配的处理人'}
    />
  );
}
