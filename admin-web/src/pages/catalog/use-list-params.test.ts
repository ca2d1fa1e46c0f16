import { EnabledFlag } from '@shanqian/shared';
import { describe, expect, it } from 'vitest';
import { applyListPatch, parseListParams } from './use-list-params';

const parse = (query: string) => parseListParams(new URLSearchParams(query), ['dict_item']);

describe('the list state in the address bar', () => {
  it('reads what it wrote', () => {
    const params = parse('page=3&page_size=50&keyword=%E5%AD%A6&status=0&dict_item=Edu_Type');
    expect(params).toEqual({ page: 3, page_size: 50, keyword: '学', status: EnabledFlag.Disabled, filters: { dict_item: 'Edu_Type' } });
    expect(parse(applyListPatch(params, {}).toString())).toEqual(params);
  });

  it('ignores what the server would refuse', () => {
    expect(parse(`page=-1&page_size=1000&status=9&keyword=${'x'.repeat(80)}&dict_item=%20`)).toEqual({
      page: 1,
      page_size: 10,
      keyword: 'x'.repeat(64),
      status: undefined,
      filters: { dict_item: undefined },
    });
    expect(parse('page=1.5&page_size=abc').page).toBe(1);
  });

  it('goes back to the first page when a filter changes, not when the page size does', () => {
    const params = parse('page=4&keyword=a');
    expect(applyListPatch(params, { status: EnabledFlag.Enabled }).toString()).toBe('keyword=a&status=1');
    expect(applyListPatch(params, { filters: { dict_item: 'Nation' } }).toString()).toBe('keyword=a&dict_item=Nation');
    expect(applyListPatch(params, { page: 5, page_size: 20 }).toString()).toBe('page=5&page_size=20&keyword=a');
  });
});
