import { EnabledFlag, type CompanyRow, type EnabledListQuery, type Page } from '@shanqian/shared';
import type { CSSProperties } from 'react';
import { api } from '../../api/request';
import { ServerSearchSelect } from '../../components/server-search-select';

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

const companyLabel = (company: CompanyRow) => (company.status === EnabledFlag.Enabled ? company.company_name : `${company.company_name}（已停用）`);

/** One request per search (the server searches the names), never one per row of a table. */
export function CompanySelect({ enabledOnly, knownName, ...rest }: CompanySelectProps) {
  return (
    <ServerSearchSelect<CompanyRow>
      {...rest}
      search={(keyword) => {
        const query: EnabledListQuery = { keyword: keyword || undefined, status: enabledOnly ? EnabledFlag.Enabled : undefined, page_size: 100 };
        return { queryKey: ['/admin/companies', query], queryFn: ({ signal }) => api<Page<CompanyRow>>('GET', '/admin/companies', { query: { ...query }, signal }) };
      }}
      optionLabel={companyLabel}
      // The name of the company picked, for when a later search no longer lists it.
      missingLabel={(value, picked) => (picked ? companyLabel(picked) : (knownName ?? `用人单位 #${value}`))}
      narrowListed
      notFound={{ failed: '用人单位加载失败，请重新搜索', none: '没有匹配的用人单位' }}
    />
  );
}
