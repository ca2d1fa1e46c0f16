import { EnabledFlag, type CompanyRow, type EnabledListQuery, type Page } from '@shanqian/shared';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Select } from 'antd';
import { useEffect, useState, type CSSProperties } from 'react';
import { api } from '../../api/request';

interface CompanySelectProps {
  value?: number;
  onChange?: (value: number | undefined) => void;
  /** Only enabled companies (a new contract's company); all of them for a filter. */
  enabledOnly?: boolean;
  /** The chosen company's name when it may not be among the first results (a contract's own company). */
  knownName?: string;
  placeholder?: string;
  allowClear?: boolean;
  style?: CSSProperties;
  'aria-label'?: string;
  id?: string;
}

/** One request per search (the server searches the names), never one per row of a table. */
export function CompanySelect({ value, onChange, enabledOnly, knownName, ...rest }: CompanySelectProps) {
  const [typed, setTyped] = useState('');
  const [keyword, setKeyword] = useState('');
  // The name of the company picked, for when a later search no longer lists it.
  const [picked, setPicked] = useState<{ value: number; label: string } | null>(null);
  useEffect(() => {
    const timer = setTimeout(() => setKeyword(typed.trim()), 300);
    return () => clearTimeout(timer);
  }, [typed]);
  const query: EnabledListQuery = { keyword: keyword || undefined, status: enabledOnly ? EnabledFlag.Enabled : undefined, page_size: 100 };
  const companies = useQuery({
    queryKey: ['/admin/companies', query],
    queryFn: ({ signal }) => api<Page<CompanyRow>>('GET', '/admin/companies', { query: { ...query }, signal }),
    placeholderData: keepPreviousData,
  });
  const options = (companies.data?.list ?? []).map((company) => ({
    value: company.id,
    label: company.status === EnabledFlag.Enabled ? company.company_name : `${company.company_name}（已停用）`,
  }));
  if (value !== undefined && !options.some((option) => option.value === value)) {
    options.unshift({ value, label: picked?.value === value ? picked.label : (knownName ?? `用人单位 #${value}`) });
  }
  return (
    <Select<number, { value: number; label: string }>
      {...rest}
      value={value}
      onChange={(next, option) => {
        setPicked(next !== undefined && option && !Array.isArray(option) ? { value: next, label: option.label } : null);
        onChange?.(next);
      }}
      options={options}
      loading={companies.isFetching}
      // The names already listed are narrowed at once while the server's answer for the typed text is on its way.
      showSearch={{ filterOption: (input, option) => !!option?.label.includes(input.trim()), onSearch: setTyped }}
      notFoundContent={companies.isError ? '用人单位加载失败，请重新搜索' : companies.isFetching ? '加载中…' : '没有匹配的用人单位'}
    />
  );
}
