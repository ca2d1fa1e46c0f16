import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Page, SignApplicationStatus } from '@shanqian/shared';
import { DataSource, EntityManager, In, SelectQueryBuilder } from 'typeorm';
import { WechatUser } from '../auth/wechat-user.entity';
import { paginate, PageQueryDto, whereContains } from '../common/pagination';
import { origin, RequestContext } from '../common/request-context';
import { PreparedQuery } from '../database/prepared-query';
import { forUpdate } from '../database/row-lock';
import { TransactionRunner } from '../database/transaction-runner';
import { ApplicationScope } from './application-access';
import { ChainedEvent, eventHash } from './application-event-chain';
import { EventActor, SignApplicationEvent, SignApplicationEventType } from './sign-application-event.entity';
import { SignApplication } from './sign-application.entity';

/** What the back office filters applications by. */
export interface ApplicationFilters {
  status?: SignApplicationStatus | null;
  companyId?: number | null;
  handlerId?: number | null;
  /** Name or phone, anywhere in it. */
  keyword?: string | null;
  /** Apply time in [from, to). */
  from?: Date | null;
  to?: Date | null;
  /** By apply time (then id, so that pages never overlap); newest first unless 'ASC'. */
  order?: 'ASC' | 'DESC';
}

export interface EventRow {
  applicationId: number;
  event: SignApplicationEventType;
  fromStatus: number | null;
  toStatus: number;
  actor: { type: EventActor; id: number };
  context: RequestContext;
  detail?: string | null;
  /** When it happened, in milliseconds (both databases keep them exactly, so the hash recomputes). */
  at: Date;
}

/** What the mini-program's home page shows: the application's status and the real-name status. */
export interface WorkerStatusRow {
  verify_status: number;
  verify_reason: string | null;
  status: number | null;
  reason: string | null;
  company_name: string | null;
}

/** Events of one type on one China calendar day (YYYY-MM-DD). */
export interface EventDayCount {
  day: string;
  event: SignApplicationEventType;
  count: number;
}

/**
 * Every query of `sign_apply` and its history `sign_apply_event`. Writes take the transaction's
 * manager: only ApplicationsService opens the transactions that change an application.
 */
@Injectable()
export class SignApplicationRepository {
  /** One round trip, built once: /em_status is the mini-program's most frequent call. */
  private readonly workerStatusQuery: PreparedQuery<WorkerStatusRow>;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly transactions: TransactionRunner,
  ) {
    this.workerStatusQuery = new PreparedQuery(db, (ds) =>
      ds
        .createQueryBuilder(WechatUser, 'u')
        .leftJoin('employee', 'e', 'e.user_id = u.id')
        .leftJoin('sign_apply', 'a', 'a.em_id = e.id')
        .leftJoin('company', 'c', 'c.id = a.company_id')
        .select(['u.verify_status AS verify_status', 'u.verify_reason AS verify_reason', 'a.status AS status', 'a.reason AS reason', 'c.company_name AS company_name'])
        .where('u.id = :userId'),
    );
  }

  /** TransactionRunner's: run again after a deadlock, so `work` must have no effect outside the database. */
  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.transactions.run(work);
  }

  workerStatus(userId: number): Promise<WorkerStatusRow | undefined> {
    return this.workerStatusQuery.first({ userId });
  }

  findById(id: number, manager: EntityManager = this.db.manager): Promise<SignApplication | null> {
    return manager.findOneBy(SignApplication, { id });
  }

  findByEmployee(employeeId: number): Promise<SignApplication | null> {
    return this.db.getRepository(SignApplication).findOneBy({ employeeId });
  }

  /** Those of `ids` in the scope. */
  findInScope(scope: ApplicationScope, ids: number[]): Promise<SignApplication[]> {
    return this.db.getRepository(SignApplication).findBy({ id: In(ids), ...(scope.handlerId === null ? {} : { handlerId: scope.handlerId }) });
  }

  /** With the company, the handler and the approved contract: what the worker's screens show. */
  findByEmployeeWithTerms(employeeId: number): Promise<SignApplication | null> {
    return this.db.getRepository(SignApplication).findOne({ where: { employeeId }, relations: { company: true, handler: true, contract: true } });
  }

  /** With the worker, their WeChat user, company, handler and contract: what HR's screens show. */
  findWithPeople(id: number): Promise<SignApplication | null> {
    return this.withPeople().where('a.id = :id', { id }).getOne();
  }

  page(scope: ApplicationScope, filters: ApplicationFilters, page: PageQueryDto): Promise<Page<SignApplication>> {
    return paginate(this.filtered(scope, filters), page, (a) => a);
  }

  /** At most `limit` rows, in the filters' order, for an export. */
  list(scope: ApplicationScope, filters: ApplicationFilters, limit: number): Promise<SignApplication[]> {
    return this.filtered(scope, filters).take(limit).getMany();
  }

  /** How many applications of the scope are in each status (statuses without any are absent). */
  async countByStatus(scope: ApplicationScope): Promise<Map<SignApplicationStatus, number>> {
    const rows = await scoped(this.db.createQueryBuilder(SignApplication, 'a'), scope)
      .select('a.status', 'status')
      .addSelect('COUNT(*)', 'count')
      .groupBy('a.status')
      .getRawMany<{ status: number | string; count: number | string }>();
    return new Map(rows.map((row) => [Number(row.status) as SignApplicationStatus, Number(row.count)]));
  }

  /**
   * How many applications of the scope are in `status` and entered it before `before`: their latest
   * event among `entered` (those that lead into the status) is older. One index lookup per
   * application in the status, by the history's apply_id.
   */
  countInStatusSince(scope: ApplicationScope, status: SignApplicationStatus, entered: readonly SignApplicationEventType[], before: Date): Promise<number> {
    return scoped(this.db.createQueryBuilder(SignApplication, 'a'), scope)
      .andWhere('a.status = :status', { status })
      .andWhere('(SELECT MAX(e.created_at) FROM sign_apply_event e WHERE e.apply_id = a.id AND e.event IN (:...entered)) < :before', { entered, before })
      .getCount();
  }

  /** The scope's events of these types since `since`, counted per China calendar day (days without any are absent). */
  async countEventsPerChinaDay(scope: ApplicationScope, events: readonly SignApplicationEventType[], since: Date): Promise<EventDayCount[]> {
    const day = chinaDayOf(this.db, 'e.created_at');
    const query = this.db
      .createQueryBuilder(SignApplicationEvent, 'e')
      .select(day, 'day')
      .addSelect('e.event', 'event')
      .addSelect('COUNT(*)', 'count')
      .where('e.event IN (:...events)', { events })
      .andWhere('e.created_at >= :since', { since })
      .groupBy(day)
      .addGroupBy('e.event');
    if (scope.handlerId !== null) query.innerJoin(SignApplication, 'a', 'a.id = e.apply_id AND a.ad_user_id = :scopeHandler', { scopeHandler: scope.handlerId });
    const rows = await query.getRawMany<{ day: string; event: SignApplicationEventType; count: number | string }>();
    return rows.map((row) => ({ day: row.day, event: row.event, count: Number(row.count) }));
  }

  async insert(manager: EntityManager, fields: Partial<SignApplication>): Promise<SignApplication> {
    return manager.save(SignApplication, manager.create(SignApplication, fields));
  }

  /** Writes the changes only if nobody changed the application since `version` was read; whether it did. */
  async updateIfVersion(manager: EntityManager, id: number, version: number, changes: Partial<SignApplication>): Promise<boolean> {
    const result = await manager.update(SignApplication, { id, version }, { ...changes, version: version + 1 });
    return !!result.affected;
  }

  /**
   * Appends one event to an application's history, chained to the one before it
   * (application-event-chain.ts). The application's row is locked first, so appends to one
   * application take turns (a note changes no status, nothing else orders it). The previous event is
   * then a plain read: on MariaDB (REPEATABLE READ) it answers from the snapshot of the transaction's
   * first plain read, so the caller must take this lock (or update the application's row) before any
   * such read, as ApplicationsService does. A locking read would not need that, but its gap locks
   * make concurrent first events of different applications deadlock.
   */
  async appendEvent(manager: EntityManager, row: EventRow): Promise<void> {
    await forUpdate(manager.createQueryBuilder(SignApplication, 'a').select('a.id').where('a.id = :id', { id: row.applicationId })).getRawOne();
    const previous = await this.latestEvent(manager, row.applicationId).getOne();
    const fields = {
      applicationId: row.applicationId,
      event: row.event,
      fromStatus: row.fromStatus,
      toStatus: row.toStatus,
      actorType: row.actor.type,
      actorId: row.actor.id,
      // By characters, as the column counts them: half a surrogate pair would not be stored as hashed.
      detail: row.detail ? Array.from(row.detail).slice(0, 512).join('') : null,
      ...origin(row.context),
      createdAt: row.at,
      prevHash: previous?.hash ?? null,
    } satisfies ChainedEvent;
    await manager.insert(SignApplicationEvent, { ...fields, hash: eventHash(fields) });
  }

  events(applicationId: number): Promise<SignApplicationEvent[]> {
    return this.db.getRepository(SignApplicationEvent).find({ where: { applicationId }, order: { id: 'ASC' } });
  }

  /** The hash of the application's latest event, the head of its chain. */
  async chainHead(applicationId: number): Promise<string | null> {
    return (await this.latestEvent(this.db.manager, applicationId).getOne())?.hash ?? null;
  }

  /** The first and the latest event of an application. */
  async eventBounds(applicationId: number): Promise<{ first: SignApplicationEvent | null; last: SignApplicationEvent | null }> {
    const events = this.db.getRepository(SignApplicationEvent);
    const [first, last] = await Promise.all((['ASC', 'DESC'] as const).map((order) => events.findOne({ where: { applicationId }, order: { id: order } })));
    return { first, last };
  }

  private latestEvent(manager: EntityManager, applicationId: number): SelectQueryBuilder<SignApplicationEvent> {
    return manager.createQueryBuilder(SignApplicationEvent, 'e').where('e.applicationId = :applicationId', { applicationId }).orderBy('e.id', 'DESC').limit(1);
  }

  private withPeople(): SelectQueryBuilder<SignApplication> {
    return this.db
      .getRepository(SignApplication)
      .createQueryBuilder('a')
      .innerJoinAndSelect('a.employee', 'e')
      .innerJoinAndSelect('e.user', 'u')
      .innerJoinAndSelect('a.company', 'c')
      .innerJoinAndSelect('a.handler', 'h')
      .leftJoinAndSelect('a.contract', 'k');
  }

  private filtered(scope: ApplicationScope, filters: ApplicationFilters): SelectQueryBuilder<SignApplication> {
    const qb = this.withPeople();
    if (scope.handlerId !== null) qb.andWhere('a.ad_user_id = :scopeHandler', { scopeHandler: scope.handlerId });
    if (filters.status) qb.andWhere('a.status = :status', { status: filters.status });
    if (filters.companyId) qb.andWhere('a.company_id = :companyId', { companyId: filters.companyId });
    if (filters.handlerId) qb.andWhere('a.ad_user_id = :handlerId', { handlerId: filters.handlerId });
    if (filters.keyword) {
      const [byName, nameParams] = whereContains('e.real_name', 'kwName', filters.keyword);
      const [byPhone, phoneParams] = whereContains('e.phone', 'kwPhone', filters.keyword);
      qb.andWhere(`(${byName} OR ${byPhone})`, { ...nameParams, ...phoneParams });
    }
    if (filters.from) qb.andWhere('a.apply_time >= :from', { from: filters.from });
    if (filters.to) qb.andWhere('a.apply_time < :to', { to: filters.to });
    const order = filters.order ?? 'DESC';
    return qb.orderBy('a.apply_time', order).addOrderBy('a.id', order);
  }
}

/** Narrows a query of `sign_apply` (alias `a`) to the applications of the scope. */
function scoped(query: SelectQueryBuilder<SignApplication>, scope: ApplicationScope): SelectQueryBuilder<SignApplication> {
  return scope.handlerId === null ? query : query.andWhere('a.ad_user_id = :scopeHandler', { scopeHandler: scope.handlerId });
}

/**
 * The China calendar day (YYYY-MM-DD) of a stored UTC time, in the database's own SQL: China keeps
 * UTC+8 all year (common/china-time.ts), so adding eight hours is exact.
 */
function chinaDayOf(db: DataSource, column: string): string {
  const type = db.options.type;
  return type === 'mariadb' || type === 'mysql' ? `DATE_FORMAT(${column} + INTERVAL 8 HOUR, '%Y-%m-%d')` : `strftime('%Y-%m-%d', ${column}, '+8 hours')`;
}
