import type { ContractTermsView } from '@shanqian/shared';
import { formatBeijingTime, formatSalary, formatTerm, maskIdNumber, maskPhone, shortHash, termRows } from './format';

describe('signing formats', () => {
  it('groups the salary in thousands and says per month', () => {
    expect(formatSalary('6500.50')).toBe('6,500.50 元/月');
    expect(formatSalary('12000000.00')).toBe('12,000,000.00 元/月');
    expect(formatSalary('800')).toBe('800 元/月');
  });

  it('gives the term with its dates', () => {
    expect(formatTerm(3, '2026-12-01', '2029-11-30')).toBe('3 年（2026-12-01 至 2029-11-30）');
  });

  it('masks ID numbers as the server does and phones as people expect', () => {
    expect(maskIdNumber('110101199506150012')).toBe('1101**********0012');
    expect(maskIdNumber('1234567')).toBe('*******');
    expect(maskPhone('13912345678')).toBe('139****5678');
  });

  it('shows times in Beijing time whatever the phone says', () => {
    expect(formatBeijingTime('2026-11-23T08:00:00.000Z')).toBe('2026-11-23 16:00:00');
    expect(formatBeijingTime('2026-11-23T20:30:05Z')).toBe('2026-11-24 04:30:05');
    expect(formatBeijingTime('not a date')).toBe('not a date');
  });

  it('shortens a SHA-256 to its two ends', () => {
    const hash = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';
    expect(shortHash(hash)).toBe('e3b0c442…7852b855');
    expect(shortHash('abc')).toBe('abc');
  });

  it('lists every key term the worker confirms', () => {
    const terms: ContractTermsView = {
      contract_name: '劳动合同（标准版）',
      company_name: '闪签云示范科技有限公司',
      contract_body: '闪签云人力',
      worker_name: '王小明',
      id_number_masked: '1101**********1234',
      phone: '13912345678',
      position: '普工',
      salary: '6500.50',
      entry_date: '2026-12-01',
      term_years: 3,
      end_date: '2029-11-30',
    };
    expect(termRows(terms)).toEqual([
      { label: '合同名称', value: '劳动合同（标准版）' },
      { label: '用人单位', value: '闪签云示范科技有限公司' },
      { label: '合同主体', value: '闪签云人力' },
      { label: '签署人', value: '王小明' },
      { label: '身份证号', value: '1101**********1234' },
      { label: '手机号', value: '139****5678' },
      { label: '岗位', value: '普工' },
      { label: '月薪', value: '6,500.50 元/月' },
      { label: '入职日期', value: '2026-12-01' },
      { label: '合同期限', value: '3 年（2026-12-01 至 2029-11-30）' },
    ]);
  });
});
