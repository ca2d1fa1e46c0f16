import { Inject, Injectable, Logger } from '@nestjs/common';
import { EventEmitter2 } from '@nestjs/event-emitter';
import { ErrorCode, Page, SignApplicationStatus } from '@shanqian/shared';
import { EntityManager } from 'typeorm';
import { AdminPrincipal } from '../admin/admin-route.decorator';
import { AuditLogService } from '../admin/audit-log.service';
import { AppException } from '../common/app.exception';
import { Clock, CLOCK } from '../common/clock';
import { maskPhone } from '../common/mask';
import { PageQueryDto } from '../common/pagination';
import { RequestContext } from '../common/request-context';
import { ApplicationScope, inScope } from './application-access';
import { canonicalFields, CanonicalEvent, ChainCheck, checkChain } from './application-event-chain';
import { APPLICATION_EVENTS, ApplicationTransitioned } from './application-events';
import { allows, assertTransition, Transition, TransitionName, TRANSITIONS, transitionRefused } from './application-status';
import { SignApplicationEvent, SignApplicationEventType } from './sign-application-event.entity';
import { SignApplication } from './sign-application.entity';
import { ApplicationFilters, SignApplicationRepository, WorkerStatusRow } from './sign-application.repository';

/** Who changes an application, and from where: both go into its history. */
export type ApplicationActor =
  | { type: 'employee'; userId: number; context: RequestContext }
  | { type: 'admin'; admin: AdminPrincipal; context: RequestContext };

/** Another module's writes that stand or fall with the application's change (one transaction). */
export type Within = (manager: EntityManager, application: SignApplication) => Promise<void>;

export interface TransitionOptions {
  /** Fields changed with the status (terms, reason, where the worker applied from). */
  changes?: Partial<SignApplication>;
  /** What the change decided, for the history and (admins) the audit log. */
  detail?: Record<string, unknown>;
  /** Events of the same act recorded just before the transition's own (e.g. the intent confirmed before signing). */
  before?: { event: SignApplicationEventType; detail?: Record<string, unknown> }[];
  within?: Within;
}

/** The fields of a new application, apart from its status and history. */
export type NewApplication = Omit<Partial<SignApplication>, 'id' | 'status' | 'version' | 'employeeId'>;

/**
 * The owner of the sign application. `apply` and `transition` are the only code that changes an
 * application's status: each checks the state machine and the version (of concurrent changes one
 * wins, the others get a 409 naming the status), writes the change, its history event and, for an
 * admin, the audit entry in one transaction, and once it has committed publishes
 * `application.<action>` (ApplicationTransitioned) on the in-process bus.
 */
@Injectable()
export class ApplicationsService {
  private readonly logger = new Logger(ApplicationsService.name);

  constructor(
    private readonly applications: SignApplicationRepository,
    private readonly audit: AuditLogService,
    private readonly bus: EventEmitter2,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** A worker's first application, created with `within`'s writes (which create the employee and answer its id). */
  async apply(actor: ApplicationActor, fields: NewApplication, within: (manager: EntityManager) => Promise<number>): Promise<SignApplication> {
    const transition: Transition = TRANSITIONS.apply;
    const application = await this.applications.transaction(async (manager) => {
      const employeeId = await within(manager);
      const created = await this.applications.insert(manager, { ...fields, employeeId, status: transition.to });
      await this.record(manager, created, actor, transition.event, null, transition.to);
      return created;
    });
    this.publish('apply', application, null, actor);
    return application;
  }

  /**
   * Moves `application` (as the caller read it) by `action`. Refused with the action's code when
   * its status does not allow it, or when someone changed it since it was read.
   */
  async transition(application: SignApplication, action: TransitionName, actor: ApplicationActor, options: TransitionOptions = {}): Promise<SignApplication> {
    const transition = assertTransition(action, application.status);
    const changes = { ...options.changes, status: transition.to };
    await this.applications.transaction(async (manager) => {
      if (!(await this.applications.updateIfVersion(manager, application.id, application.version, changes))) {
        const now = await this.applications.findById(application.id, manager);
        if (now && !allows(action, now.status)) throw transitionRefused(action, now.status);
        throw new AppException(ErrorCode.ApplicationChanged);
      }
      await options.within?.(manager, application);
      for (const earlier of options.before ?? []) {
        await this.record(manager, application, actor, earlier.event, application.status, application.status, earlier.detail);
      }
      await this.record(manager, application, actor, transition.event, application.status, transition.to, options.detail);
      if (actor.type === 'admin') {
        await this.audit.record(actor.admin, actor.context.ip, { action: `application.${action}`, targetType: 'sign_apply', targetId: application.id, detail: options.detail }, manager);
      }
    });
    const changed = Object.assign(new SignApplication(), application, changes, { version: application.version + 1 });
    this.publish(action, changed, application.status, actor);
    return changed;
  }

  /**
   * An event that does not change the status (a real-name check, a contract viewed), with `within`'s
   * writes. The event first: appending locks the application before `within` reads anything.
   */
  async note(application: SignApplication, event: SignApplicationEventType, actor: ApplicationActor, detail?: Record<string, unknown>, within?: Within): Promise<void> {
    await this.applications.transaction(async (manager) => {
      await this.record(manager, application, actor, event, application.status, application.status, detail);
      await within?.(manager, application);
    });
  }

  /** The application as the admin may see it; 404 otherwise, so nothing is learnt of others'. */
  async visible(scope: ApplicationScope, id: number): Promise<SignApplication> {
    const application = await this.applications.findWithPeople(id);
    if (!application || !inScope(scope, application)) throw new AppException(ErrorCode.RecordNotFound, '签约申请不存在');
    return application;
  }

  /** The applications in the scope matching the filters, in the filters' order, one page. */
  page(scope: ApplicationScope, filters: ApplicationFilters, page: PageQueryDto): Promise<Page<SignApplication>> {
    return this.applications.page(scope, filters, page);
  }

  /** At most `limit` of them, for an export. */
  list(scope: ApplicationScope, filters: ApplicationFilters, limit: number): Promise<SignApplication[]> {
    return this.applications.list(scope, filters, limit);
  }

  /** Those of `ids` the scope may see; 404 naming the others, so nothing is learnt of them. */
  async visibleMany(scope: ApplicationScope, ids: number[]): Promise<SignApplication[]> {
    const found = await this.applications.findInScope(scope, ids);
    const missing = ids.filter((id) => !found.some((a) => a.id === id));
    if (missing.length) throw new AppException(ErrorCode.RecordNotFound, `签约申请不存在：${missing.join('、')}`);
    return found;
  }

  findById(id: number): Promise<SignApplication | null> {
    return this.applications.findById(id);
  }

  findByEmployee(employeeId: number): Promise<SignApplication | null> {
    return this.applications.findByEmployee(employeeId);
  }

  /** With its company, handler and contract. */
  findByEmployeeWithTerms(employeeId: number): Promise<SignApplication | null> {
    return this.applications.findByEmployeeWithTerms(employeeId);
  }

  history(applicationId: number): Promise<SignApplicationEvent[]> {
    return this.applications.events(applicationId);
  }

  historyBounds(applicationId: number): Promise<{ first: SignApplicationEvent | null; last: SignApplicationEvent | null }> {
    return this.applications.eventBounds(applicationId);
  }

  /** Recomputes the application's hash chain (application-event-chain.ts): whether it holds, and where it breaks. */
  async checkEventChain(applicationId: number): Promise<ChainCheck> {
    return checkChain(await this.applications.events(applicationId));
  }

  /** The hash of the latest event: printed on the contract's audit page and in the evidence package. */
  eventChainHead(applicationId: number): Promise<string | null> {
    return this.applications.chainHead(applicationId);
  }

  /** The chained events as the evidence package lists them: enough to recompute every hash offline, the detail's personal data masked. */
  async evidenceEvents(applicationId: number): Promise<EvidenceEvent[]> {
    return (await this.applications.events(applicationId)).map((e) => ({ id: e.id, ...canonicalFields(e), hash: e.hash, detail: maskedDetail(e.detail) }));
  }

  workerStatus(userId: number): Promise<WorkerStatusRow | undefined> {
    return this.applications.workerStatus(userId);
  }

  private record(
    manager: EntityManager,
    application: SignApplication,
    actor: ApplicationActor,
    event: SignApplicationEventType,
    fromStatus: SignApplicationStatus | null,
    toStatus: SignApplicationStatus,
    detail?: Record<string, unknown>,
  ): Promise<void> {
    return this.applications.appendEvent(manager, {
      applicationId: application.id, event, fromStatus, toStatus, actor: actorRef(actor), context: actor.context,
      detail: detail ? JSON.stringify(detail) : null, at: new Date(this.clock.now()),
    });
  }

  /** After the commit: a listener's failure is logged, never the caller's. */
  private publish(action: TransitionName, application: SignApplication, fromStatus: SignApplicationStatus | null, actor: ApplicationActor): void {
    const payload: ApplicationTransitioned = {
      name: APPLICATION_EVENTS[action], action, applicationId: application.id, employeeId: application.employeeId, handlerId: application.handlerId,
      companyId: application.companyId, fromStatus, toStatus: application.status, version: application.version, actor: actorRef(actor), at: new Date(),
    };
    try {
      this.bus.emit(payload.name, payload);
    } catch (error) {
      this.logger.error(`a listener of ${payload.name} failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
}

/**
 * One event of the evidence package: `hash` is the SHA-256 of the other fields but `id` and `detail`
 * (keys sorted, application-event-chain.ts), and `detail_sha256` that of the detail as stored.
 */
export interface EvidenceEvent extends CanonicalEvent {
  id: number;
  hash: string;
  /** As stored, the worker's phone (intent_confirmed) masked. */
  detail: unknown;
}

function maskedDetail(detail: string | null): unknown {
  if (detail === null) return null;
  try {
    const parsed = JSON.parse(detail) as Record<string, unknown>;
    return typeof parsed.phone === 'string' ? { ...parsed, phone: maskPhone(parsed.phone) } : parsed;
  } catch {
    // Cut at the column's length: not JSON any more, and then shown as stored.
    return detail;
  }
}

const actorRef = (actor: ApplicationActor) => (actor.type === 'admin' ? { type: actor.type, id: actor.admin.adminId } : { type: actor.type, id: actor.userId });
