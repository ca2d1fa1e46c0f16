import type { CompanyRef, DictEntry, DictItem, HandlerRef } from '@shanqian/shared';
import { request } from './request';

/**
 * GET /dict/{item}. Takes the enum's values as strings too (`getDict('Nation')`): shared/ enums are
 * types only here, the mini-program cannot load their runtime objects.
 */
export function getDict(item: DictItem | `${DictItem}`): Promise<DictEntry[]> {
  return request<DictEntry[]>({ method: 'GET', path: `/dict/${encodeURIComponent(item)}` });
}

export function getWorkPositions(): Promise<string[]> {
  return request<string[]>({ method: 'GET', path: '/work_pos' });
}

export function getHandlers(): Promise<HandlerRef[]> {
  return request<HandlerRef[]>({ method: 'GET', path: '/handlers' });
}

export function getCompanies(): Promise<CompanyRef[]> {
  return request<CompanyRef[]>({ method: 'GET', path: '/companies' });
}
