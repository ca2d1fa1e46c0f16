import type { ErrorCode } from './error-codes';

/** Every response body of the 闪签云 API (seed §1.3). `status` is 0 on success. */
export interface Envelope<T> {
  status: 0 | ErrorCode;
  msg: string;
  data: T;
  /** Only on `/image` and `/verifycode`, equal to `status`, as the seed shows those answers. */
  error_code?: 0 | ErrorCode;
}

/** Query of every paginated list; null, like absent, is the default (the server's DTOs say null for a blank value). */
export interface PageQuery {
  /** 1-based, default 1. */
  page?: number | null;
  /** Default 10, at most 100. */
  page_size?: number | null;
}

/** `data` of every paginated list (seed §1.3.3). */
export interface Page<T> {
  list: T[];
  page: number;
  pageSize: number;
  /** Number of pages (总页数). */
  total: number;
  /** Number of rows over all pages. */
  count: number;
}

export const PAGE_SIZE_DEFAULT = 10;
export const PAGE_SIZE_MAX = 100;
