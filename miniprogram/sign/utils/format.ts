import type { ContractTermsView } from '@shanqian/shared';

/** How the signing pages show the contract and the signer to a worker: plain, complete, in Chinese. */

export interface InfoRow {
  label: string;
  value: string;
}

/** `6500.50` → `6,500.50 元/月`. */
export function formatSalary(salary: string): string {
  const [whole, cents] = salary.split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${cents === undefined ? grouped : `${grouped}.${cents}`} 元/月`;
}

/** `3, 2026-12-01, 2029-11-30` → `3 年（2026-12-01 至 2029-11-30）`. */
export function formatTerm(years: number, entryDate: string, endDate: string): string {
  return `${years} 年（${entryDate} 至 ${endDate}）`;
}

/** The card the worker confirms before signing, in the order the contract's signing page lists them. */
export function termRows(terms: ContractTermsView): InfoRow[] {
  return [
    { label: '合同名称', value: terms.contract_name },
    { label: '用人单位', value: terms.company_name },
    { label: '合同主体', value: terms.contract_body },
    { label: '签署人', value: terms.worker_name },
    { label: '身份证号', value: terms.id_number_masked },
    { label: '手机号', value: maskPhone(terms.phone) },
    { label: '岗位', value: terms.position },
    { label: '月薪', value: formatSalary(terms.salary) },
    { label: '入职日期', value: terms.entry_date },
    { label: '合同期限', value: formatTerm(terms.term_years, terms.entry_date, terms.end_date) },
  ];
}

/** As the server masks it: `110101199506150012` → `1101**********0012`. */
export function maskIdNumber(id: string): string {
  const value = id.trim();
  if (value.length <= 8) return '*'.repeat(value.length);
  return `${value.slice(0, 4)}${'*'.repeat(value.length - 8)}${value.slice(-4)}`;
}

/** `13912345678` → `139****5678`. */
export function maskPhone(phone: string): string {
  return phone.length === 11 ? `${phone.slice(0, 3)}****${phone.slice(7)}` : phone;
}

const BEIJING_OFFSET_MS = 8 * 60 * 60 * 1000;

/** An ISO instant as a worker in China reads it, whatever the phone's time zone: `2026-11-23 16:00:00`. */
export function formatBeijingTime(iso: string): string {
  const time = Date.parse(iso);
  if (Number.isNaN(time)) return iso;
  return new Date(time + BEIJING_OFFSET_MS).toISOString().slice(0, 19).replace('T', ' ');
}

/** A SHA-256 short enough for one line, long enough to compare by eye: `e3b0c442…7852b855`. */
export function shortHash(hex: string): string {
  return hex.length > 20 ? `${hex.slice(0, 8)}…${hex.slice(-8)}` : hex;
}
