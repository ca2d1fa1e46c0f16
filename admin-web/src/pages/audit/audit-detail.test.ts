import { describe, expect, it } from 'vitest';
import { actionLabel, targetTypeLabel } from './audit-actions';
import { detailSummary, detailText } from './audit-detail';
import { auditSearch, parseAuditFilters } from './audit-log-filters';

describe('the audit log in the clerk’s words', () => {
  it('names the actions, the record kinds and their changes, and shows an unknown code as it is', () => {
    expect(actionLabel('employee.reveal_id_number')).toBe('查看完整身份证号');
    expect(actionLabel('work_position.disable')).toBe('停用岗位');
    expect(actionLabel('admin_user.create')).toBe('新增管理员');
    expect(actionLabel('moka.sync_departments.full')).toBe('全量同步用人单位到 Moka');
    expect(actionLabel('something.new')).toBe('something.new');
    expect(targetTypeLabel('sign_apply')).toBe('签约申请');
    expect(targetTypeLabel('robot')).toBe('robot');
  });

  it('puts a detail on one line, edits as from → to, and keeps a cut detail as its text', () => {
    expect(detailSummary({ company_name: { from: '甲公司', to: '乙公司' }, status: 1, reason: null })).toBe('company_name: 甲公司 → 乙公司；status: 1；reason: （空）');
    expect(detailSummary({ filters: { status: 1 }, rows: 12 })).toBe('filters: {"status":1}；rows: 12');
    expect(detailSummary('{"cut": "off')).toBe('{"cut": "off');
    expect(detailSummary(null)).toBe('');
    expect(detailText({ a: 1 })).toBe('{\n  "a": 1\n}');
  });

  it('keeps the filters in the address, leaving out what the server would refuse', () => {
    const filters = parseAuditFilters(new URLSearchParams('action=admin.login&admin_id=3&target_type=company&target_id=07&from=2026-03-01&to=2026-03-31&page=2&page_size=50'));
    expect(filters).toEqual({ action: 'admin.login', admin_id: 3, target_type: 'company', target_id: undefined, from: '2026-03-01', to: '2026-03-31', page: 2, page_size: 50 });
    expect(auditSearch(filters).toString()).toBe('action=admin.login&admin_id=3&target_type=company&from=2026-03-01&to=2026-03-31&page=2&page_size=50');
    expect(parseAuditFilters(new URLSearchParams('action=DROP%20TABLE&from=2026-02-30&page=-1&page_size=1000'))).toEqual({
      action: undefined, admin_id: undefined, target_type: undefined, target_id: undefined, from: undefined, to: undefined, page: 1, page_size: 20,
    });
    expect(parseAuditFilters(new URLSearchParams('from=2026-03-31&to=2026-03-01'))).toMatchObject({ from: undefined, to: undefined });
    expect(auditSearch(parseAuditFilters(new URLSearchParams(''))).toString()).toBe('');
  });
});
