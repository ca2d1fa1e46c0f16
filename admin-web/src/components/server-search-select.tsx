import type { Page } from '@shanqian/shared';
import { keepPreviousData, type QueryKey, useQuery } from '@tanstack/react-query';
import { Select } from 'antd';
import { type CSSProperties, useState } from 'react';
import { useDebouncedValue } from './use-debounced-value';

const SEARCH_DEBOUNCE_MS = 300;

type Option = { value: number; label: string };

export interface ServerSearchSelectProps<Row extends { id: number }> {
  value?: number;
  onChange?: (value: number | undefined) => void;
  id?: string;
  'aria-label'?: string;
  placeholder?: string;
  allowClear?: boolean;
  style?: CSSProperties;
  /** The query for the text typed, trimmed ('' before any): its key, and the first page of rows the server matches. */
  search: (keyword: string) => { queryKey: QueryKey; queryFn: (context: { signal: AbortSignal }) => Promise<Page<Row>> };
  optionLabel: (row: Row) => string;
  /**
   * The label of the chosen value when the rows found do not list it (a later search, a value from the
   * address), else the Select would show a bare id; `picked` is its row when it was chosen here.
   * Undefined leaves it out.
   */
  missingLabel: (value: number, picked: Row | undefined) => string | undefined;
  /** Narrows the options already listed at once, while the server's answer for the text is on its way. */
  narrowListed?: boolean;
  notFound: { failed: string; none: string };
}

/** A picker over more rows than one page holds: the server searches them, one request per pause in typing. */
export function ServerSearchSelect<Row extends { id: number }>(props: ServerSearchSelectProps<Row>) {
  const { value, onChange, search, optionLabel, missingLabel, narrowListed, notFound, ...rest } = props;
  const [typed, setTyped] = useState('');
  const [picked, setPicked] = useState<Row>();
  const keyword = useDebouncedValue(typed, SEARCH_DEBOUNCE_MS).trim();
  const found = useQuery({ ...search(keyword), placeholderData: keepPreviousData });
  const rows = found.data?.list ?? [];
  const options: Option[] = rows.map((row) => ({ value: row.id, label: optionLabel(row) }));
  if (value !== undefined && !rows.some((row) => row.id === value)) {
    const label = missingLabel(value, picked?.id === value ? picked : undefined);
    if (label !== undefined) options.unshift({ value, label });
  }
  return (
    <Select<number, Option>
      {...rest}
      value={value}
      onChange={(next) => {
        setPicked(rows.find((row) => row.id === next));
        onChange?.(next);
      }}
      options={options}
      loading={found.isFetching}
      showSearch={{ filterOption: narrowListed ? (input, option) => !!option?.label.includes(input.trim()) : false, onSearch: setTyped }}
      notFoundContent={found.isError ? notFound.failed : found.isFetching ? '加载中…' : notFound.none}
    />
  );
}
