import { EntityManager } from 'typeorm';
import { origin, RequestContext } from '../common/request-context';
import { EventActor, SignApplicationEvent, SignApplicationEventType } from './sign-application-event.entity';

export interface ApplicationEventInput {
  applicationId: number;
  event: SignApplicationEventType;
  fromStatus: number | null;
  toStatus: number;
  actor: { type: EventActor; id: number };
  context: RequestContext;
  detail?: string | null;
}

/** Appends one event to an application's history, with where the request came from: the evidence chain starts here. */
export async function recordApplicationEvent(manager: EntityManager, input: ApplicationEventInput): Promise<void> {
  await manager.insert(SignApplicationEvent, {
    applicationId: input.applicationId,
    event: input.event,
    fromStatus: input.fromStatus,
    toStatus: input.toStatus,
    actorType: input.actor.type,
    actorId: input.actor.id,
    detail: input.detail ? input.detail.slice(0, 512) : null,
    ...origin(input.context),
  });
}
