import { DatePicker, type GetProps } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';

const DAY = 'YYYY-MM-DD';

/** A range of days as the picker holds it: either end may be left open. */
export type DayRange = [Dayjs | null, Dayjs | null] | null;

const RECENT_PRESETS = [
  { label: '今天', value: (): [Dayjs, Dayjs] => [dayjs().startOf('day'), dayjs().endOf('day')] },
  { label: '最近 7 天', value: (): [Dayjs, Dayjs] => [dayjs().subtract(6, 'day').startOf('day'), dayjs().endOf('day')] },
  { label: '最近 30 天', value: (): [Dayjs, Dayjs] => [dayjs().subtract(29, 'day').startOf('day'), dayjs().endOf('day')] },
];
const WITH_THIS_MONTH = [...RECENT_PRESETS, { label: '本月', value: (): [Dayjs, Dayjs] => [dayjs().startOf('month'), dayjs().endOf('day')] }];

/** The picker's range for the days a list's address holds (YYYY-MM-DD). */
export const dayRangeOf = ({ from, to }: { from?: string; to?: string }): DayRange =>
  from || to ? [from ? dayjs(from) : null, to ? dayjs(to) : null] : null;

/** The days of a picked range, as the address and the server take them. */
export function daysOf(range: DayRange | undefined): { from?: string; to?: string } {
  const [from, to] = range ?? [null, null];
  return { from: from?.format(DAY), to: to?.format(DAY) };
}

/** A search form's range of days, with presets; either end may be left open. */
export function DateRangeFilter({ thisMonth, ...props }: GetProps<typeof DatePicker.RangePicker> & { /** Offer 本月 among the presets. */ thisMonth?: boolean }) {
  return (
    <DatePicker.RangePicker
      style={{ width: '100%' }}
      format={DAY}
      allowEmpty={[true, true]}
      presets={thisMonth ? WITH_THIS_MONTH : RECENT_PRESETS}
      {...props}
    />
  );
}
