import { ErrorCode, SIGN_APPLICATION_STATUS_LABELS, SignApplicationStatus } from '@shanqian/shared';
import { AppException } from '../common/app.exception';
import type { SignApplicationEventType } from './sign-application-event.entity';

/** The labels are the API contract's, which the console shows too. */
export const STATUS_LABELS = SIGN_APPLICATION_STATUS_LABELS;

export interface Transition {
  /** Statuses the action starts from; empty for `apply`, which creates the application. */
  from: readonly SignApplicationStatus[];
  to: SignApplicationStatus;
  event: SignApplicationEventType;
  /** How the refusal names the action. */
  verb: string;
  /** The code of a refusal from a status the action does not start from. */
  refusal: ErrorCode;
}

const { Applied, PendingSignature, Signed, Rejected, Cancelled } = SignApplicationStatus;

/**
 * The one state machine of a sign application. The worker applies (→ 1), edits the resume under
 * review (1 → 1) or resubmits after a rejection or a cancellation (4/5 → 1); HR approves (1 → 2),
 * rejects (1 → 4) or cancels (1/2 → 5); the worker signs (2 → 3).
 */
export const TRANSITIONS = {
  apply: { from: [], to: Applied, event: 'applied', verb: '提交签约申请', refusal: ErrorCode.EmployeeExists },
  edit: { from: [Applied], to: Applied, event: 'updated', verb: '修改简历', refusal: ErrorCode.ApplicationLocked },
  resubmit: { from: [Rejected, Cancelled], to: Applied, event: 'resubmitted', verb: '重新提交', refusal: ErrorCode.ApplicationLocked },
  approve: { from: [Applied], to: PendingSignature, event: 'approved', verb: '审核通过', refusal: ErrorCode.ApplicationStatusConflict },
  reject: { from: [Applied], to: Rejected, event: 'rejected', verb: '驳回', refusal: ErrorCode.ApplicationStatusConflict },
  cancel: { from: [Applied, PendingSignature], to: Cancelled, event: 'cancelled', verb: '取消', refusal: ErrorCode.ApplicationStatusConflict },
  sign: { from: [PendingSignature], to: Signed, event: 'signed', verb: '签署合同', refusal: ErrorCode.SignNotReady },
} as const satisfies Record<string, Transition>;

export type TransitionName = keyof typeof TRANSITIONS;

/** The refusal of `name` from `current`: names the current status, with the action's own code. */
export function transitionRefused(name: TransitionName, current: SignApplicationStatus): AppException {
  const transition: Transition = TRANSITIONS[name];
  return new AppException(transition.refusal, `签约申请当前状态为「${STATUS_LABELS[current]}」，不能${transition.verb}`);
}

/** Whether `name` may start from `current`. */
export const allows = (name: TransitionName, current: SignApplicationStatus): boolean => (TRANSITIONS[name] as Transition).from.includes(current);

/** The transition, or a 409 naming the current status when `name` is not allowed from it. */
export function assertTransition(name: TransitionName, current: SignApplicationStatus): Transition {
  if (!allows(name, current)) throw transitionRefused(name, current);
  return TRANSITIONS[name];
}
