import { EnabledFlag } from '@shanqian/shared';
import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router';

export const PAGE_SIZES = [10, 20, 50, 100];

/** The page, the page size and the filters of a list, as its query string holds them. */
export interface ListParams {
  page: number;
  page_size: number;
  keyword?: string;
  status?: EnabledFlag;
  /** The page's own filters (dict_item, company_id, role), as text. */
  filters: Record<string, string | undefined>;
}

export type ListParamsPatch = Partial<Omit<ListParams, 'filters'>> & { filters?: Record<string, string | undefined> };

/** The server refuses a keyword over 64 characters and a page size over 100: the address bar never gets that far. */
const KEYWORD_MAX = 64;

/**
 * Reads the list's state from the address bar, ignoring what the server would refuse (page=-1,
 * page_size=1000, status=9), so that a reload, the back button or a shared link shows the same page.
 */
export function parseListParams(search: URLSearchParams, filterNames: readonly string[]): ListParams {
  const page = Number(search.get('page'));
  const pageSize = Number(search.get('page_size'));
  const status = search.get('status');
  const text = (name: string) => search.get(name)?.trim().slice(0, KEYWORD_MAX) || undefined;
  return {
    page: Number.isSafeInteger(page) && page >= 1 ? page : 1,
    page_size: PAGE_SIZES.includes(pageSize) ? pageSize : PAGE_SIZES[0],
    keyword: text('keyword'),
    status: status === '1' ? EnabledFlag.Enabled : status === '0' ? EnabledFlag.Disabled : undefined,
    filters: Object.fromEntries(filterNames.map((name) => [name, text(name)])),
  };
}

/** Changing a filter goes back to the first page; changing the page keeps the filters. */
export function applyListPatch(current: ListParams, patch: ListParamsPatch): URLSearchParams {
  const filtering = Object.keys(patch).some((key) => key !== 'page' && key !== 'page_size');
  const next = { ...current, ...patch, filters: { ...current.filters, ...patch.filters } };
  const params = new URLSearchParams();
  const page = filtering ? 1 : next.page;
  if (page > 1) params.set('page', String(page));
  if (next.page_size !== PAGE_SIZES[0]) params.set('page_size', String(next.page_size));
  if (next.keyword) params.set('keyword', next.keyword);
  if (next.status !== undefined) params.set('status', String(next.status));
  for (const [name, value] of Object.entries(next.filters)) if (value) params.set(name, value);
  return params;
}

export function useListParams(filterNames: readonly string[]) {
  const [search, setSearch] = useSearchParams();
  // Keyed by the names' text: a caller may pass a new array on each render.
  const names = filterNames.join(',');
  const params = useMemo(() => parseListParams(search, names ? names.split(',') : []), [search, names]);
  const update = useCallback((patch: ListParamsPatch) => setSearch(applyListPatch(params, patch)), [params, setSearch]);
  /** Every filter off, the page size kept. */
  const reset = useCallback(
    () => setSearch(applyListPatch(params, { keyword: undefined, status: undefined, filters: Object.fromEntries(Object.keys(params.filters).map((name) => [name, undefined])) })),
    [params, setSearch],
  );
  const filtered = !!params.keyword || params.status !== undefined || Object.values(params.filters).some(Boolean);
  return { params, update, reset, filtered };
}
