import type { DictEntry } from '@shanqian/shared';

/**
 * A list of history rows (education, work) the worker adds to, edits and removes, one row open at
 * a time; a closed row shows a one-line summary and how much is still missing. The rows, their
 * errors and which row is open belong to the page; this component only reports what was typed.
 */

/** How one column of a row is filled in. */
export interface ListField {
  name: string;
  label: string;
  kind: 'text' | 'textarea' | 'month' | 'select';
  maxlength?: number;
  placeholder?: string;
  required?: boolean;
  /** A plain-language hint under the field. */
  hint?: string;
  /** For months: whether a later month than this one may be picked (a school not finished yet). */
  future?: boolean;
}

type Row = Record<string, string>;

interface RowView {
  key: string;
  row: Row;
  errors: Record<string, string>;
  problems: number;
  summary: string;
  /** For select fields: the picker index and the label of the chosen option. */
  selected: Record<string, number>;
  labels: Record<string, string>;
}

type Props = {
  /** The form array this list edits (employee_edu, work_exp), echoed in every event. */
  name: StringConstructor;
  /** What one row is called (教育经历). */
  itemName: StringConstructor;
  rows: ArrayConstructor;
  fields: ArrayConstructor;
  /** Options of the select field (dict entries; the stored value is the dict_key). */
  options: ArrayConstructor;
  /** One object of messages by field per row. */
  errors: ArrayConstructor;
  /** A message about the whole list (too few rows). */
  listError: StringConstructor;
  openRow: { type: NumberConstructor; value: number };
  max: { type: NumberConstructor; value: number };
};

type Data = {
  views: RowView[];
  thisMonth: string;
  latestMonth: string;
};

type Methods = {
  render(): void;
  emit(name: string, detail: Record<string, unknown>): void;
  onToggle(event: WechatMiniprogram.BaseEvent): void;
  onInput(event: WechatMiniprogram.BaseEvent & { detail: string }): void;
  onBlur(event: WechatMiniprogram.BaseEvent): void;
  onPick(event: WechatMiniprogram.PickerChange): void;
  onAdd(): void;
  onRemove(event: WechatMiniprogram.BaseEvent): void;
};

/** Schools may still be running: an end month up to this many years ahead can be picked. */
const FUTURE_YEARS = 6;

const monthOf = (date: Date) => `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}`;

/** '郑州大学 · 机械工程 · 本科 · 2013-09 至 2017-06': the row's short texts, then its period. */
function summarize(row: Row, fields: ListField[], labels: Record<string, string>): string {
  const texts = fields.filter((f) => f.kind === 'text' || f.kind === 'select').map((f) => (f.kind === 'select' ? labels[f.name] : row[f.name]?.trim()));
  const months = fields.filter((f) => f.kind === 'month').map((f) => row[f.name]);
  const period = months.some(Boolean) ? months.map((m) => m || '?').join(' 至 ') : '';
  return [...texts, period].filter(Boolean).join(' · ');
}

Component<Data, Props, Methods, []>({
  options: { styleIsolation: 'apply-shared' },
  properties: {
    name: String,
    itemName: String,
    rows: Array,
    fields: Array,
    options: Array,
    errors: Array,
    listError: String,
    openRow: { type: Number, value: -1 },
    max: { type: Number, value: 10 },
  },
  data: {
    views: [],
    thisMonth: '',
    latestMonth: '',
  },
  observers: {
    'rows, fields, options, errors'() {
      this.render();
    },
  },
  lifetimes: {
    attached() {
      const now = new Date();
      const later = new Date(now.getFullYear() + FUTURE_YEARS, 11, 1);
      this.setData({ thisMonth: monthOf(now), latestMonth: monthOf(later) });
      this.render();
    },
  },
  methods: {
    render() {
      const rows = this.properties.rows as Row[];
      const fields = this.properties.fields as ListField[];
      const options = this.properties.options as DictEntry[];
      const errors = this.properties.errors as (Record<string, string> | undefined)[];
      const views = rows.map((row, i): RowView => {
        const selected: Record<string, number> = {};
        const labels: Record<string, string> = {};
        for (const field of fields.filter((f) => f.kind === 'select')) {
          selected[field.name] = options.findIndex((option) => option.dict_key === row[field.name]);
          labels[field.name] = options[selected[field.name]]?.dict_value ?? '';
        }
        const rowErrors = errors[i] ?? {};
        return { key: String(i), row, errors: rowErrors, problems: Object.keys(rowErrors).length, summary: summarize(row, fields, labels), selected, labels };
      });
      this.setData({ views });
    },

    emit(name, detail) {
      this.triggerEvent(name, { list: this.properties.name, ...detail });
    },

    onToggle(event) {
      this.emit('toggle', { index: Number(event.currentTarget.dataset.index) });
    },

    onInput(event) {
      const { index, field } = event.currentTarget.dataset as { index: number; field: string };
      this.emit('change', { index: Number(index), field, value: event.detail });
    },

    onBlur(event) {
      const { index, field } = event.currentTarget.dataset as { index: number; field: string };
      this.emit('blur', { index: Number(index), field });
    },

    onPick(event) {
      const { index, field } = event.currentTarget.dataset as { index: number; field: string };
      const kind = (this.properties.fields as ListField[]).find((f) => f.name === field)?.kind;
      const picked = event.detail.value as string | number;
      const value = kind === 'select' ? (this.properties.options as DictEntry[])[Number(picked)]?.dict_key ?? '' : String(picked);
      this.emit('change', { index: Number(index), field, value });
      this.emit('blur', { index: Number(index), field });
    },

    onAdd() {
      this.emit('add', {});
    },

    onRemove(event) {
      const index = Number(event.currentTarget.dataset.index);
      wx.showModal({
        title: '删除这一段？',
        content: `第 ${index + 1} 段${this.properties.itemName}填写的内容会被删除`,
        confirmText: '删除',
        confirmColor: '#ee0a24',
        success: ({ confirm }) => {
          if (confirm) this.emit('remove', { index });
        },
      });
    },
  },
});
