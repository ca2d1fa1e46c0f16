import { Inject, Injectable, Logger } from '@nestjs/common';
import { ApplicationDetail, ApplicationRow, BulkDecisionOutcome, BulkDecisionResponse, EnabledFlag, ErrorCode, Page, RevealIdNumberResponse, SignApplicationStatus } from '@shanqian/shared';
import { stringify } from 'csv-stringify/sync';
import { AdminPrincipal } from '../admin/admin-route.decorator';
import { AdminUserRepository } from '../admin/admin-user.repository';
import { AuditLogService } from '../admin/audit-log.service';
import { ContractRepository } from '../admin/contracts/contract.repository';
import { LeapinService } from '../bridges/leapin/leapin.service';
import { MokaCandidateRepository } from '../bridges/moka/moka-candidate.repository';
import { AppException } from '../common/app.exception';
import { internalError, toAppException } from '../common/error-response';
import { chinaDateTime, chinaDayStart, isCalendarDate } from '../common/china-time';
import { Clock, CLOCK } from '../common/clock';
import { SecretsService } from '../common/crypto/secrets.service';
import { maskIdNumber } from '../common/mask';
import { RequestContext } from '../common/request-context';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { EmployeeService } from '../employee/employee.service';
import { RealnameService } from '../realname/realname.service';
import { SealService } from '../seals/seal.service';
import { EvidenceService } from '../sign/evidence/evidence.service';
import { SigningService } from '../sign/signing.service';
import { scopeFor } from './application-access';
import { checkChain } from './application-event-chain';
import { STATUS_LABELS } from './application-status';
import { ApplicationActor, ApplicationsService } from './applications.service';
import { checkApprovalTerms } from './approval-terms';
import {
  ApplicationQueryDto,
  ApproveApplicationDto,
  BulkApproveApplicationsDto,
  BulkRejectApplicationsDto,
  CancelApplicationDto,
  RejectApplicationDto,
} from './dto/review-application.dto';
import { EmployeeListQueryDto } from './dto/employee-list-query.dto';
import { ApplicationFilters } from './sign-application.repository';
import { SignApplication } from './sign-application.entity';
import { SignApplicationEvent } from './sign-application-event.entity';

/** At most this many rows in one export: beyond it HR narrows the filters (a spreadsheet of more is unreadable anyway). */
export const EXPORT_MAX_ROWS = 50_000;

/** A worker as the back office's employee search lists them: one row per resume with its application (every resume has exactly one). */
export interface EmployeeListRow {
  id: number;
  real_name: string;
  phone: string;
  /** First 4 and last 4 characters only: the full number is for the screens that audit its reveal. */
  id_number_masked: string;
  gender: number;
  age: number;
  company_name: string;
  work_pos: string;
  application_id: number;
  status: SignApplicationStatus;
  apply_time: string;
}

/**
 * HR's side of sign applications: the queue (and the employee search, the same list in other
 * columns), the file of one application, and the decisions, which go through ApplicationsService.
 */
@Injectable()
export class ApplicationAdminService {
  private readonly logger = new Logger(ApplicationAdminService.name);

  constructor(
    private readonly applications: ApplicationsService,
    private readonly employees: EmployeeService,
    private readonly realname: RealnameService,
    private readonly signing: SigningService,
    private readonly evidencePackages: EvidenceService,
    private readonly leapin: LeapinService,
    private readonly seals: SealService,
    private readonly contracts: ContractRepository,
    private readonly secrets: SecretsService,
    private readonly audit: AuditLogService,
    private readonly adminUsers: AdminUserRepository,
    private readonly mokaCandidates: MokaCandidateRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async list(admin: AdminPrincipal, query: ApplicationQueryDto): Promise<Page<ApplicationRow>> {
    return mapPage(await this.applications.page(scopeFor(admin), filtersOf(query), query), (a) => this.row(a));
  }

  /** GET /admin/employees: the same list, as workers. */
  async employeeList(admin: AdminPrincipal, query: EmployeeListQueryDto): Promise<Page<EmployeeListRow>> {
    const page = await this.applications.page(scopeFor(admin), { status: query.status, keyword: query.keyword }, query);
    return mapPage(page, (a) => {
      const { id, employee_id, real_name, phone, id_number_masked, gender, age, company_name, work_pos, status, apply_time } = this.row(a);
      return { id: employee_id, real_name, phone, id_number_masked, gender, age, company_name, work_pos, application_id: id, status, apply_time };
    });
  }

  /** The applications as CSV, with a BOM so that Excel reads the UTF-8; ID numbers masked. */
  async export(admin: AdminPrincipal, query: ApplicationQueryDto, ip: string): Promise<string> {
    const rows = await this.applications.list(scopeFor(admin), filtersOf(query), EXPORT_MAX_ROWS + 1);
    if (rows.length > EXPORT_MAX_ROWS) throw AppException.invalid('from', `导出结果超过 ${EXPORT_MAX_ROWS} 条，请缩小筛选范围`);
    await this.audit.record(admin, ip, { action: 'application.export', detail: { filters: exportFilters(query), rows: rows.length } });
    const header = ['申请编号', '姓名', '手机号', '身份证号', '性别', '年龄', '用人单位', '岗位', '处理人', '状态', '申请时间', '入职日期', '月薪', '驳回原因'];
    const body = rows.map((a) => this.row(a)).map((r) => [
      r.id, r.real_name, r.phone, r.id_number_masked, r.gender === 1 ? '男' : r.gender === 2 ? '女' : '', r.age, r.company_name, r.work_pos,
      r.handler_name, r.status_label, chinaDateTime(new Date(r.apply_time)), r.entry_date ?? '', r.status === SignApplicationStatus.Applied ? '' : r.salary, r.reason,
    ]);
    // A cell starting with = + - @ would run as a formula in Excel: quote it as text.
    const safe = (cell: unknown) => (typeof cell === 'string' && /^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell);
    return `\ufeff${stringify([header, ...body.map((cells) => cells.map(safe))], { record_delimiter: '\r\n' })}`;
  }

  async detail(admin: AdminPrincipal, id: number, baseUrl: string): Promise<ApplicationDetail> {
    const application = await this.applications.visible(scopeFor(admin), id);
    const [resume, events, checks, document, leapin, moka] = await Promise.all([
      this.employees.resumeForReview(application.employeeId, baseUrl),
      this.applications.history(id),
      this.realname.recentChecks(application.employeeId),
      this.signing.signedDocumentOf(id, baseUrl),
      this.leapin.invitesForApplication(id),
      this.mokaCandidates.latestForEmployee(application.employeeId),
    ]);
    const chain = checkChain(events);
    const actorName = await this.actorNames(application, events);
    return {
      application: this.row(application),
      resume: resume.resume,
      contract: application.contract
        ? { id: application.contract.id, contract_name: application.contract.contractName, contract_body: application.contract.contractBody, sign_year: application.contract.signYear }
        : null,
      verify_status: resume.verify_status,
      verify_reason: resume.verify_reason,
      realname_checks: checks.map((c) => ({ ...c, created_at: c.created_at.toISOString() })),
      document,
      leapin,
      moka: moka && {
        moka_application_id: moka.mokaApplicationId, stage: moka.rawStage, position: moka.position, entry_date: moka.entryDate, salary: moka.salary,
        email: moka.email, imported_at: moka.createdAt.toISOString(), updated_at: moka.updatedAt.toISOString(),
      },
      events: events.map((e) => ({
        event: e.event, from_status: e.fromStatus, to_status: e.toStatus, actor_type: e.actorType, actor_id: e.actorId, actor_name: actorName(e),
        ip: e.ip, city: e.city, lng: e.lng, lat: e.lat, detail: e.detail ?? '', created_at: e.createdAt.toISOString(),
      })),
      event_chain: { ok: chain.ok, head: chain.head },
    };
  }

  /**
   * The filled contract waiting for the worker's signature, as they will see and sign it. In the
   * audit log like the other files that leave the console with the worker's data.
   */
  async contractPreview(admin: AdminPrincipal, id: number, ip: string): Promise<{ filename: string; pdf: Buffer }> {
    const application = await this.applications.visible(scopeFor(admin), id);
    const preview = await this.signing.filledContractOf(application);
    await this.audit.record(admin, ip, { action: 'application.contract_preview', targetType: 'application', targetId: id, detail: { file: preview.filename } });
    return preview;
  }

  /** The full ID number, for the admin who needs it; every reveal is in the audit log. */
  async revealIdNumber(admin: AdminPrincipal, id: number, ip: string): Promise<RevealIdNumberResponse> {
    const application = await this.applications.visible(scopeFor(admin), id);
    const idNumber = this.secrets.decrypt(application.employee!.idNumberEnc);
    await this.audit.record(admin, ip, {
      action: 'employee.reveal_id_number', targetType: 'employee', targetId: application.employeeId, detail: { application_id: id },
    });
    return { id_number: idNumber };
  }

  /** The evidence package of a signed contract; each download is in the audit log, as it carries the worker's data. */
  async evidence(admin: AdminPrincipal, id: number, ip: string): Promise<{ filename: string; zip: Buffer }> {
    const application = await this.applications.visible(scopeFor(admin), id);
    const evidence = await this.evidencePackages.packageFor(application);
    await this.audit.record(admin, ip, { action: 'application.evidence', targetType: 'application', targetId: id, detail: { file: evidence.filename } });
    return evidence;
  }

  async approve(admin: AdminPrincipal, id: number, dto: ApproveApplicationDto, context: RequestContext): Promise<ApplicationRow> {
    checkApprovalTerms(dto, this.config.approval, new Date(this.clock.now()));
    const application = await this.applications.visible(scopeFor(admin), id);
    const contract = await this.contracts.findById(dto.contract_id);
    if (!contract || contract.status !== EnabledFlag.Enabled || contract.companyId !== application.companyId) {
      throw new AppException(ErrorCode.ContractNotUsable, '合同不可用：须为该申请用人单位的已启用合同');
    }
    // Every contract signed must carry the employer's seal too: refused before anything is written.
    await this.seals.assertAuthorized(application.companyId);
    const terms = { contract_id: contract.id, entry_date: dto.entry_date, salary: dto.salary };
    return this.decide(admin, application, 'approve', context, { contractId: contract.id, entryDate: dto.entry_date, salary: dto.salary, reason: null }, terms);
  }

  async reject(admin: AdminPrincipal, id: number, dto: RejectApplicationDto, context: RequestContext): Promise<ApplicationRow> {
    const application = await this.applications.visible(scopeFor(admin), id);
    return this.decide(admin, application, 'reject', context, { reason: dto.reason }, { reason: dto.reason });
  }

  async cancel(admin: AdminPrincipal, id: number, dto: CancelApplicationDto, context: RequestContext): Promise<ApplicationRow> {
    const application = await this.applications.visible(scopeFor(admin), id);
    const reason = dto.reason ?? null;
    return this.decide(admin, application, 'cancel', context, { reason }, { reason });
  }

  /**
   * The same terms for each application, each approved through approve() in a transaction of its
   * own: the rules, the events and the audit entries are those of one approval, and one refusal
   * stops no other.
   */
  async bulkApprove(admin: AdminPrincipal, dto: BulkApproveApplicationsDto, context: RequestContext): Promise<BulkDecisionResponse> {
    const { ids, ...terms } = dto;
    // Terms wrong for one are wrong for all: refused whole, naming the field, before any decision.
    checkApprovalTerms(terms, this.config.approval, new Date(this.clock.now()));
    return this.eachDecision(ids, (id) => this.approve(admin, id, terms, context));
  }

  /** The same reason for each application, each rejected through reject(), as bulkApprove. */
  async bulkReject(admin: AdminPrincipal, dto: BulkRejectApplicationsDto, context: RequestContext): Promise<BulkDecisionResponse> {
    const { ids, reason } = dto;
    return this.eachDecision(ids, (id) => this.reject(admin, id, { reason }, context));
  }

  /** One decision after the other (no two transactions of one request contend), each refusal answered as its own route would. */
  private async eachDecision(ids: number[], decide: (id: number) => Promise<ApplicationRow>): Promise<BulkDecisionResponse> {
    const results: BulkDecisionOutcome[] = [];
    for (const id of ids) {
      try {
        results.push({ id, ok: true, application: await decide(id) });
      } catch (error) {
        const known = toAppException(error);
        if (!known) this.logger.error(`bulk decision on application ${id}: ${error instanceof Error ? error.stack ?? error.message : String(error)}`);
        const refusal = known ?? internalError();
        results.push({ id, ok: false, code: refusal.code, msg: refusal.message });
      }
    }
    const succeeded = results.filter((r) => r.ok).length;
    return { results, succeeded, failed: results.length - succeeded };
  }

  /** One HR decision through the application's owner; the answer is the application as it now stands. */
  private async decide(
    admin: AdminPrincipal,
    application: SignApplication,
    action: 'approve' | 'reject' | 'cancel',
    context: RequestContext,
    changes: Partial<SignApplication>,
    detail: Record<string, unknown>,
  ): Promise<ApplicationRow> {
    const actor: ApplicationActor = { type: 'admin', admin, context };
    // The answer's people and company are those just read: a decision changes none of them.
    return this.row(await this.applications.transition(application, action, actor, { changes, detail }));
  }

  /** Who did each event, by name: the application's worker, or the admins involved (read at once). */
  private async actorNames(application: SignApplication, events: SignApplicationEvent[]): Promise<(event: SignApplicationEvent) => string | null> {
    const adminIds = [...new Set(events.filter((e) => e.actorType === 'admin').map((e) => e.actorId))];
    const admins = new Map((adminIds.length ? await this.adminUsers.findByIds(adminIds) : []).map((a) => [a.id, a.name ?? a.username]));
    const worker = application.employee!;
    return (e) => (e.actorType === 'admin' ? (admins.get(e.actorId) ?? null) : e.actorId === worker.userId ? worker.realName : null);
  }

  private row(a: SignApplication): ApplicationRow {
    const e = a.employee!;
    return {
      id: a.id,
      employee_id: e.id,
      real_name: e.realName,
      phone: e.phone,
      id_number_masked: maskIdNumber(this.secrets.decrypt(e.idNumberEnc)),
      gender: e.gender,
      age: e.age,
      company_id: a.companyId,
      company_name: a.company!.companyName,
      work_pos: a.workPos,
      handler_id: a.handlerId,
      handler_name: a.handler!.name ?? a.handler!.username,
      status: a.status,
      status_label: STATUS_LABELS[a.status],
      reason: a.reason ?? '',
      apply_time: a.applyTime.toISOString(),
      entry_date: a.entryDate,
      salary: a.salary,
      contract_id: a.contractId,
      verify_status: e.user!.verifyStatus,
    };
  }
}

function filtersOf(query: ApplicationQueryDto): ApplicationFilters {
  for (const field of ['from', 'to'] as const) {
    const value = query[field];
    if (value && !isCalendarDate(value)) throw AppException.invalid(field, '不是有效的日期');
  }
  return {
    status: query.status,
    companyId: query.company_id,
    handlerId: query.handler_id,
    keyword: query.keyword,
    from: query.from ? chinaDayStart(query.from) : null,
    to: query.to ? new Date(+chinaDayStart(query.to) + 24 * 3600 * 1000) : null,
    order: query.sort === 'apply_time' ? 'ASC' : 'DESC',
  };
}

function mapPage<A, B>(page: Page<A>, map: (row: A) => B): Page<B> {
  return { ...page, list: page.list.map(map) };
}

const exportFilters = (query: ApplicationQueryDto) =>
  Object.fromEntries(Object.entries(query).filter(([key, value]) => value !== null && value !== undefined && key !== 'page' && key !== 'page_size'));
