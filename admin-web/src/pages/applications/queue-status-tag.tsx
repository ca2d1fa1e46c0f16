import { SIGN_APPLICATION_STATUS_LABELS, SignApplicationStatus } from '@shanqian/shared';
import { Tag } from 'antd';
import type { ReactNode } from 'react';

/**
 * Ant Design's preset tag colors put their text below 4.5:1 on their own background (blue, gold,
 * green): these use the darker shade of each palette for the text, so a tag reads at AA.
 */
const TONES = {
  info: { color: '#0050b3', background: '#e6f4ff', borderColor: '#91caff' },
  warning: { color: '#ad4e00', background: '#fff7e6', borderColor: '#ffd591' },
  success: { color: '#237804', background: '#f6ffed', borderColor: '#b7eb8f' },
  error: { color: '#a8071a', background: '#fff1f0', borderColor: '#ffa39e' },
  neutral: { color: 'rgba(0, 0, 0, 0.72)', background: '#f5f5f5', borderColor: '#d9d9d9' },
} as const;

export type Tone = keyof typeof TONES;

export function ToneTag({ tone, children }: { tone: Tone; children: ReactNode }) {
  return (
    <Tag style={{ ...TONES[tone], marginInlineEnd: 0 }} variant="outlined">
      {children}
    </Tag>
  );
}

const STATUS_TONES: Record<SignApplicationStatus, Tone> = {
  [SignApplicationStatus.Applied]: 'info',
  [SignApplicationStatus.PendingSignature]: 'warning',
  [SignApplicationStatus.Signed]: 'success',
  [SignApplicationStatus.Rejected]: 'error',
  [SignApplicationStatus.Cancelled]: 'neutral',
};

/** An application's status as a colored tag, in the words of every other screen. */
export function ApplicationStatusTag({ status }: { status: SignApplicationStatus }) {
  return <ToneTag tone={STATUS_TONES[status]}>{SIGN_APPLICATION_STATUS_LABELS[status]}</ToneTag>;
}
