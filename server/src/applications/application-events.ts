import { SignApplicationStatus } from '@shanqian/shared';
import type { TransitionName } from './application-status';
import type { EventActor } from './sign-application-event.entity';

/** The in-process event name of each transition, published once its transaction has committed. */
export const APPLICATION_EVENTS = {
  apply: 'application.applied',
  edit: 'application.edited',
  resubmit: 'application.resubmitted',
  approve: 'application.approved',
  reject: 'application.rejected',
  cancel: 'application.cancelled',
  sign: 'application.signed',
} as const satisfies Record<TransitionName, string>;

/** Every transition's event: `application.*` matches them all. */
export const ANY_APPLICATION_EVENT = 'application.*';

export type ApplicationEventName = (typeof APPLICATION_EVENTS)[TransitionName];

/** What a listener learns of a committed transition: ids to look the rest up, and who did it. */
export interface ApplicationTransitioned {
  name: ApplicationEventName;
  action: TransitionName;
  applicationId: number;
  employeeId: number;
  handlerId: number;
  companyId: number;
  fromStatus: SignApplicationStatus | null;
  toStatus: SignApplicationStatus;
  /** The application's version after the transition: with the status it identifies this change. */
  version: number;
  actor: { type: EventActor; id: number };
  at: Date;
}
