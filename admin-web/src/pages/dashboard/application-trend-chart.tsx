import type { ApplicationDayCount } from '@shanqian/shared';
import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';

/** Ant Design's blue and green at their darker shades: both above 3:1 on white, as a line needs. */
const APPLIED_COLOR = '#1677ff';
const SIGNED_COLOR = '#389e0d';

const SERIES_NAMES = { applied: '提交申请', signed: '签约' } as const;

/** `2026-03-09` → `03-09`: the year is the same on every tick but at New Year, and the tooltip shows it. */
const shortDay = (date: string) => date.slice(5);

/** Submitted and signed per China day, one line each. */
export function ApplicationTrendChart({ daily }: { daily: ApplicationDayCount[] }) {
  const applied = daily.reduce((sum, day) => sum + day.applied, 0);
  const signed = daily.reduce((sum, day) => sum + day.signed, 0);
  return (
    <figure style={{ margin: 0 }} aria-label={`近 30 天共提交申请 ${applied} 份，签约 ${signed} 份`}>
      <ResponsiveContainer width="100%" height={280}>
        <LineChart data={daily} margin={{ top: 8, right: 24, bottom: 0, left: 0 }}>
          <CartesianGrid stroke="#f0f0f0" vertical={false} />
          <XAxis dataKey="date" tickFormatter={shortDay} tick={{ fill: 'rgba(0, 0, 0, 0.65)', fontSize: 12 }} minTickGap={16} />
          <YAxis allowDecimals={false} width={40} tick={{ fill: 'rgba(0, 0, 0, 0.65)', fontSize: 12 }} />
          <Tooltip labelFormatter={(date) => String(date)} />
          {/* The names in the page's text color: the series colors are for lines, too light for text. */}
          <Legend formatter={(name) => <span style={{ color: 'rgba(0, 0, 0, 0.88)' }}>{name}</span>} />
          <Line type="linear" dataKey="applied" name={SERIES_NAMES.applied} stroke={APPLIED_COLOR} strokeWidth={2} dot={{ r: 2 }} activeDot={{ r: 4 }} />
          <Line type="linear" dataKey="signed" name={SERIES_NAMES.signed} stroke={SIGNED_COLOR} strokeWidth={2} dot={{ r: 2 }} activeDot={{ r: 4 }} />
        </LineChart>
      </ResponsiveContainer>
    </figure>
  );
}
