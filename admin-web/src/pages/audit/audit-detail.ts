/** A change as the server records an edit: `{ from, to }`. */
function isChange(value: unknown): value is { from: unknown; to: unknown } {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && Object.keys(value).length === 2 && 'from' in value && 'to' in value;
}

function valueText(value: unknown): string {
  if (isChange(value)) return `${valueText(value.from)} → ${valueText(value.to)}`;
  if (value === null || value === undefined || value === '') return '（空）';
  if (typeof value === 'string') return value;
  return JSON.stringify(value);
}

/**
 * An entry's detail on one line for the table: `company_name: 甲 → 乙；rows: 12`. A detail that is
 * not an object (cut at 2000 characters, the server answers its raw text) is shown as it is.
 */
export function detailSummary(detail: unknown): string {
  if (detail === null || detail === undefined) return '';
  if (typeof detail !== 'object' || Array.isArray(detail)) return typeof detail === 'string' ? detail : JSON.stringify(detail);
  return Object.entries(detail)
    .map(([key, value]) => `${key}: ${valueText(value)}`)
    .join('；');
}

/** The whole detail, indented, for the expanded row. */
export function detailText(detail: unknown): string {
  return typeof detail === 'string' ? detail : JSON.stringify(detail, null, 2);
}
