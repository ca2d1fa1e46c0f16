import { ErrorCode, SignApplicationStatus } from '@shanqian/shared';
import { AppException } from '../common/app.exception';
import type { SignApplicationEventType } from './sign-application-event.entity';

export const STATUS_LABELS: Record<SignApplicationStatus, string> = {
  [SignApplicationStatus.Applied]: '签约申请',
  [SignApplicationStatus.PendingSignature]: '待签约',
  [SignApplicationStatus.Signed]: '已签约',
  [SignApplicationStatus.Rejected]: '已驳回',
  [SignApplicationStatus.Cancelled]: '已取消',
};

interface Transition {
  from: readonly SignApplicationStatus[];
  to: SignApplicationStatus;
  event: SignApplicationEventType;
  /** How the refusal names the action. */
  verb: string;
}

/**
 * The one state machine of a sign application. HR decides 1 → 2 (approve), 1 → 4 (reject) and
 * 1/2 → 5 (cancel); the worker signs 2 → 3. Resubmission after 4 or 5 is the resume's PUT.
 */
export const TRANSITIONS = {
  approve: { from: [SignApplicationStatus.Applied], to: SignApplicationStatus.PendingSignature, event: 'approved', verb: '审核通过' },
  reject: { from: [SignApplicationStatus.Applied], to: SignApplicationStatus.Rejected, event: 'rejected', verb: '驳回' },
  cancel: { from: [SignApplicationStatus.Applied, SignApplicationStatus.PendingSignature], to: SignApplicationStatus.Cancelled, event: 'cancelled', verb: '取消' },
  sign: { from: [SignApplicationStatus.PendingSignature], to: SignApplicationStatus.Signed, event: 'signed', verb: '签署' },
} as const satisfies Record<string, Transition>;

export type TransitionName = keyof typeof TRANSITIONS;

/** A 409 naming the current status when `name` is not allowed from it. */
export function assertTransition(name: TransitionName, current: SignApplicationStatus): Transition {
  const transition: Transition = TRANSITIONS[name];
  if (!transition.from.includes(current)) {
    throw new AppException(ErrorCode.ApplicationStatusConflict, `签约申请当前状态为「${STATUS_LABELS[current]}」，不能${transition.verb}`);
  }
  return transition;
}
