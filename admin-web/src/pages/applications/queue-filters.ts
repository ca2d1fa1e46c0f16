import { APPLICATION_SORTS, type ApplicationListQuery, type ApplicationSort, SignApplicationStatus } from '@shanqian/shared';

/** What the review queue shows, as its address holds it: a reload, the back button or a shared link show the same page. */
export interface QueueFilters {
  status?: SignApplicationStatus;
  company_id?: number;
  handler_id?: number;
  /** Name or phone. */
  keyword?: string;
  /** Apply days, YYYY-MM-DD, both inclusive (China days, as the server counts them). */
  from?: string;
  to?: string;
  sort: ApplicationSort;
  page: number;
  page_size: number;
}

export const QUEUE_PAGE_SIZES = [10, 20, 50, 100] as const;
const DEFAULT_PAGE_SIZE = 20;
const DEFAULT_SORT: ApplicationSort = '-apply_time';
/** The server's bounds: a longer keyword or a later page is refused, so the address never asks for one. */
const KEYWORD_MAX = 32;
const PAGE_MAX = 100_000;
const ID_MAX = 2_147_483_647;

export const DEFAULT_QUEUE_FILTERS: QueueFilters = { sort: DEFAULT_SORT, page: 1, page_size: DEFAULT_PAGE_SIZE };

/** A plain decimal integer in [min, max], else undefined: `1e0`, `-1`, ` 7` and `07` are not ids. */
function integer(text: string | null, min: number, max: number): number | undefined {
  if (!text || !/^[1-9]\d{0,9}$/.test(text)) return undefined;
  const value = Number(text);
  return value >= min && value <= max ? value : undefined;
}

/** A real calendar day written YYYY-MM-DD (not 2026-02-30). */
export function isCalendarDay(text: string | null | undefined): text is string {
  if (!text || !/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const [year, month, day] = text.split('-').map(Number);
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** Reads the queue's state from the address, leaving out whatever the server would refuse (status=9, page=-1, page_size=1000). */
export function parseQueueFilters(search: URLSearchParams): QueueFilters {
  const filters: QueueFilters = { ...DEFAULT_QUEUE_FILTERS };
  const status = integer(search.get('status'), SignApplicationStatus.Applied, SignApplicationStatus.Cancelled);
  if (status !== undefined) filters.status = status;
  const company = integer(search.get('company_id'), 1, ID_MAX);
  if (company !== undefined) filters.company_id = company;
  const handler = integer(search.get('handler_id'), 1, ID_MAX);
  if (handler !== undefined) filters.handler_id = handler;
  const keyword = search.get('keyword')?.trim();
  if (keyword) filters.keyword = Array.from(keyword).slice(0, KEYWORD_MAX).join('');
  const [from, to] = [search.get('from'), search.get('to')];
  // An impossible range (to before from) is dropped whole rather than guessed at.
  if (!(isCalendarDay(from) && isCalendarDay(to) && to < from)) {
    if (isCalendarDay(from)) filters.from = from;
    if (isCalendarDay(to)) filters.to = to;
  }
  const sort = search.get('sort');
  if (APPLICATION_SORTS.includes(sort as ApplicationSort)) filters.sort = sort as ApplicationSort;
  filters.page = integer(search.get('page'), 1, PAGE_MAX) ?? 1;
  const pageSize = integer(search.get('page_size'), 1, 100);
  if (QUEUE_PAGE_SIZES.includes(pageSize as (typeof QUEUE_PAGE_SIZES)[number])) filters.page_size = pageSize!;
  return filters;
}

/** The address of these filters, defaults left out so that a plain /applications stays plain. */
export function queueSearch(filters: QueueFilters): URLSearchParams {
  const params = new URLSearchParams();
  const set = (name: string, value: string | number | undefined, fallback?: string | number) => {
    if (value !== undefined && value !== '' && value !== fallback) params.set(name, String(value));
  };
  set('status', filters.status);
  set('company_id', filters.company_id);
  set('handler_id', filters.handler_id);
  set('keyword', filters.keyword);
  set('from', filters.from);
  set('to', filters.to);
  set('sort', filters.sort, DEFAULT_SORT);
  set('page', filters.page, 1);
  set('page_size', filters.page_size, DEFAULT_PAGE_SIZE);
  return params;
}

/** A change of what is shown starts again at page 1; a change of page or page size keeps the rest. */
export function withFilters(current: QueueFilters, change: Partial<QueueFilters>): QueueFilters {
  const paging = Object.keys(change).every((key) => key === 'page' || key === 'page_size');
  const resized = change.page_size !== undefined && change.page_size !== current.page_size;
  return { ...current, ...change, page: paging && !resized ? (change.page ?? current.page) : 1 };
}

/** Whether anything narrows the queue (the empty state then offers to clear it). */
export function isFiltered(filters: QueueFilters): boolean {
  return [filters.status, filters.company_id, filters.handler_id, filters.keyword, filters.from, filters.to].some((value) => value !== undefined);
}

/** The list request of these filters. */
export function queueQuery(filters: QueueFilters): ApplicationListQuery {
  const { status, company_id, handler_id, keyword, from, to, sort, page, page_size } = filters;
  return { status, company_id, handler_id, keyword, from, to, sort, page, page_size };
}

/** The export of the same filters: every matching row, not one page. */
export function exportQuery(filters: QueueFilters): ApplicationListQuery {
  return { ...queueQuery(filters), page: undefined, page_size: undefined };
}
