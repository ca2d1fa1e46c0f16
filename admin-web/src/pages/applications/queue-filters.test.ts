import { SignApplicationStatus } from '@shanqian/shared';
import { describe, expect, it } from 'vitest';
import { DEFAULT_QUEUE_FILTERS, exportQuery, isFiltered, parseQueueFilters, queueQuery, queueSearch, type QueueFilters, withFilters } from './queue-filters';

const parse = (search: string) => parseQueueFilters(new URLSearchParams(search));

describe('the review queue in the address', () => {
  it('reads every filter back as it was written', () => {
    const filters: QueueFilters = {
      status: SignApplicationStatus.Rejected,
      company_id: 3,
      handler_id: 12,
      keyword: '王 138',
      from: '2026-11-01',
      to: '2026-11-30',
      sort: 'apply_time',
      page: 4,
      page_size: 50,
    };
    const search = queueSearch(filters);
    expect(search.toString()).toBe('status=4&company_id=3&handler_id=12&keyword=%E7%8E%8B+138&from=2026-11-01&to=2026-11-30&sort=apply_time&page=4&page_size=50');
    expect(parseQueueFilters(new URLSearchParams(search.toString()))).toEqual(filters);
  });

  it('leaves the defaults out of the address, and reads an empty address as the defaults', () => {
    expect(queueSearch(DEFAULT_QUEUE_FILTERS).toString()).toBe('');
    expect(parse('')).toEqual(DEFAULT_QUEUE_FILTERS);
    expect(isFiltered(parse(''))).toBe(false);
    expect(isFiltered(parse('keyword=x'))).toBe(true);
  });

  it('ignores what the server would refuse instead of asking for it', () => {
    expect(parse('status=9&page=-1&page_size=1000&from=not-a-date&to=2026-02-30&sort=id&company_id=abc&handler_id=0')).toEqual(DEFAULT_QUEUE_FILTERS);
    expect(parse('status=0&page=0&page_size=7&company_id=1e0&handler_id=-3&sort=apply_time%20desc')).toEqual(DEFAULT_QUEUE_FILTERS);
    expect(parse('status=1.5&page=2.5&page_size=20.0&company_id=%201&handler_id=99999999999')).toEqual(DEFAULT_QUEUE_FILTERS);
    expect(parse('page=100001')).toEqual(DEFAULT_QUEUE_FILTERS);
    expect(parse('keyword=%20%20')).toEqual(DEFAULT_QUEUE_FILTERS);
  });

  it('keeps the good values beside the bad ones', () => {
    expect(parse('status=2&page=-1&page_size=100&from=2026-01-31&to=garbage')).toEqual({
      ...DEFAULT_QUEUE_FILTERS,
      status: SignApplicationStatus.PendingSignature,
      page_size: 100,
      from: '2026-01-31',
    });
  });

  it('drops a range that ends before it starts, and cuts a keyword to the 32 characters the server takes', () => {
    expect(parse('from=2026-03-02&to=2026-03-01')).toEqual(DEFAULT_QUEUE_FILTERS);
    expect(parse('from=2026-03-01&to=2026-03-01')).toMatchObject({ from: '2026-03-01', to: '2026-03-01' });
    expect(parse(`keyword=${'张'.repeat(40)}`).keyword).toBe('张'.repeat(32));
    expect(parse('keyword=%20%E6%9D%8E%20').keyword).toBe('李');
  });

  it('starts again at page 1 when what is shown changes, not when the page does', () => {
    const onPage3 = { ...DEFAULT_QUEUE_FILTERS, keyword: '李', page: 3 };
    expect(withFilters(onPage3, { status: SignApplicationStatus.Applied })).toMatchObject({ status: 1, keyword: '李', page: 1 });
    expect(withFilters(onPage3, { sort: 'apply_time' }).page).toBe(1);
    expect(withFilters(onPage3, { page: 5 })).toMatchObject({ keyword: '李', page: 5 });
    expect(withFilters(onPage3, { page: 3, page_size: 20 }).page).toBe(3);
    expect(withFilters(onPage3, { page: 3, page_size: 50 })).toMatchObject({ page: 1, page_size: 50 });
    expect(withFilters(onPage3, { keyword: undefined }).keyword).toBeUndefined();
  });

  it('asks the list for one page and the export for every row of the same filters', () => {
    const filters = parse('status=1&keyword=%E7%8E%8B&page=2&page_size=50');
    expect(queueQuery(filters)).toMatchObject({ status: 1, keyword: '王', sort: '-apply_time', page: 2, page_size: 50 });
    const exported = exportQuery(filters);
    expect(exported).toMatchObject({ status: 1, keyword: '王', sort: '-apply_time' });
    expect(exported.page).toBeUndefined();
    expect(exported.page_size).toBeUndefined();
  });
});
