import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { EnabledFlag, ErrorCode, Page, SignApplicationStatus } from '@shanqian/shared';
import { stringify } from 'csv-stringify/sync';
import { DataSource, SelectQueryBuilder } from 'typeorm';
import { AdminPrincipal, seesAllApplications } from '../admin/admin-route.decorator';
import { AuditLogService } from '../admin/audit-log.service';
import { LeapinInvite } from '../bridges/leapin/leapin-invite.entity';
import { leapinInviteOut } from '../bridges/leapin/leapin-invite.view';
import { AppException } from '../common/app.exception';
import { chinaDateTime, chinaDayStart, isCalendarDate } from '../common/china-time';
import { SecretsService } from '../common/crypto/secrets.service';
import { maskIdNumber } from '../common/mask';
import { paginate, whereContains } from '../common/pagination';
import { RequestContext } from '../common/request-context';
import { EmployeeEducation } from '../employee/employee-education.entity';
import { EmployeeWorkExperience } from '../employee/employee-work-experience.entity';
import { Employee } from '../employee/employee.entity';
import { educationOut, entityToResume, workOut } from '../employee/employee.mapper';
import { RealnameCheck } from '../realname/realname-check.entity';
import { UploadService } from '../upload/upload.service';
import { recordApplicationEvent } from './application-history';
import { assertTransition, STATUS_LABELS, TransitionName } from './application-status';
import { ContractDocument } from '../sign/contract-document.entity';
import { Contract } from '../sign/contract.entity';
import { ApplicationQueryDto, ApproveApplicationDto, CancelApplicationDto, RejectApplicationDto } from './dto/review-application.dto';
import { SignApplicationEvent } from './sign-application-event.entity';
import { SignApplication } from './sign-application.entity';

/** At most this many rows in one export: beyond it HR narrows the filters (a spreadsheet of more is unreadable anyway). */
export const EXPORT_MAX_ROWS = 50_000;

export interface ApplicationRow {
  id: number;
  employee_id: number;
  real_name: string;
  phone: string;
  id_number_masked: string;
  gender: number;
  age: number;
  company_id: number;
  company_name: string;
  work_pos: string;
  handler_id: number;
  handler_name: string;
  status: SignApplicationStatus;
  status_label: string;
  reason: string;
  apply_time: Date;
  entry_date: string | null;
  salary: string;
  contract_id: number | null;
  verify_status: number;
}

/** HR's side of sign applications: the queue, the file of one application, and the decisions. */
@Injectable()
export class ApplicationAdminService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly secrets: SecretsService,
    private readonly uploads: UploadService,
    private readonly audit: AuditLogService,
  ) {}

  list(admin: AdminPrincipal, query: ApplicationQueryDto): Promise<Page<ApplicationRow>> {
    return paginate(this.filtered(admin, query).orderBy('a.apply_time', 'DESC').addOrderBy('a.id', 'DESC'), query, (a) => this.row(a));
  }

  /** The applications as CSV, with a BOM so that Excel reads the UTF-8; ID numbers masked. */
  async export(admin: AdminPrincipal, query: ApplicationQueryDto, ip: string): Promise<string> {
    const rows = await this.filtered(admin, query).orderBy('a.apply_time', 'DESC').addOrderBy('a.id', 'DESC').take(EXPORT_MAX_ROWS + 1).getMany();
    if (rows.length > EXPORT_MAX_ROWS) throw AppException.invalid('from', `导出结果超过 ${EXPORT_MAX_ROWS} 条，请缩小筛选范围`);
    await this.audit.record(admin, ip, { action: 'application.export', detail: { filters: exportFilters(query), rows: rows.length } });
    const header = ['申请编号', '姓名', '手机号', '身份证号', '性别', '年龄', '用人单位', '岗位', '处理人', '状态', '申请时间', '入职日期', '月薪', '驳回原因'];
    const body = rows.map((a) => this.row(a)).map((r) => [
      r.id, r.real_name, r.phone, r.id_number_masked, r.gender === 1 ? '男' : r.gender === 2 ? '女' : '', r.age, r.company_name, r.work_pos,
      r.handler_name, r.status_label, chinaDateTime(r.apply_time), r.entry_date ?? '', r.status === SignApplicationStatus.Applied ? '' : r.salary, r.reason,
    ]);
    // A cell starting with = + - @ would run as a formula in Excel: quote it as text.
    const safe = (cell: unknown) => (typeof cell === 'string' && /^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell);
    return `\ufeff${stringify([header, ...body.map((cells) => cells.map(safe))], { record_delimiter: '\r\n' })}`;
  }

  async detail(admin: AdminPrincipal, id: number, baseUrl: string): Promise<object> {
    const application = await this.visible(admin, id);
    const employee = await this.db.getRepository(Employee).findOneOrFail({
      where: { id: application.employeeId },
      relations: { idCardFront: true, idCardBack: true, user: true },
    });
    const [education, work, events, checks, document, leapin] = await Promise.all([
      this.db.getRepository(EmployeeEducation).find({ where: { employeeId: employee.id }, order: { sort: 'ASC' } }),
      this.db.getRepository(EmployeeWorkExperience).find({ where: { employeeId: employee.id }, order: { sort: 'ASC' } }),
      this.db.getRepository(SignApplicationEvent).find({ where: { applicationId: id }, order: { id: 'ASC' } }),
      this.db.getRepository(RealnameCheck).find({ where: { employeeId: employee.id }, order: { id: 'DESC' }, take: 20 }),
      this.db.getRepository(ContractDocument).findOneBy({ applicationId: id }),
      this.db.getRepository(LeapinInvite).find({ where: { applicationId: id }, order: { id: 'ASC' } }),
    ]);
    return {
      application: this.row(application),
      resume: {
        ...entityToResume(employee),
        id_number_masked: maskIdNumber(this.secrets.decrypt(employee.idNumberEnc)),
        id_card_front: this.uploads.signedUrl(employee.idCardFront!.storageKey, baseUrl),
        id_card_back: this.uploads.signedUrl(employee.idCardBack!.storageKey, baseUrl),
        employee_edu: education.map(educationOut),
        work_exp: work.map(workOut),
      },
      contract: application.contract
        ? { id: application.contract.id, contract_name: application.contract.contractName, contract_body: application.contract.contractBody, sign_year: application.contract.signYear }
        : null,
      verify_status: employee.user!.verifyStatus,
      verify_reason: employee.user!.verifyReason ?? '',
      realname_checks: checks.map((c) => ({ provider: c.provider, with_selfie: c.withSelfie, outcome: c.outcome, reason: c.reason ?? '', ip: c.ip, created_at: c.createdAt })),
      document: document?.signedKey
        ? { signed_at: document.signedAt, sha256: document.signedSha256, timestamp_at: document.timestampAt, url: this.uploads.signedUrl(document.signedKey, baseUrl) }
        : null,
      leapin: leapin.map(leapinInviteOut),
      events: events.map((e) => ({
        event: e.event, from_status: e.fromStatus, to_status: e.toStatus, actor_type: e.actorType, actor_id: e.actorId,
        ip: e.ip, city: e.city, lng: e.lng, lat: e.lat, detail: e.detail ?? '', created_at: e.createdAt,
      })),
    };
  }

  /** The full ID number, for the admin who needs it; every reveal is in the audit log. */
  async revealIdNumber(admin: AdminPrincipal, id: number, ip: string): Promise<{ id_number: string }> {
    const application = await this.visible(admin, id);
    const idNumber = this.secrets.decrypt(application.employee!.idNumberEnc);
    await this.audit.record(admin, ip, {
      action: 'employee.reveal_id_number', targetType: 'employee', targetId: application.employeeId, detail: { application_id: id },
    });
    return { id_number: idNumber };
  }

  async approve(admin: AdminPrincipal, id: number, dto: ApproveApplicationDto, context: RequestContext): Promise<ApplicationRow> {
    if (!isCalendarDate(dto.entry_date)) throw AppException.invalid('entry_date', '不是有效的日期');
    if (!(Number(dto.salary) > 0)) throw AppException.invalid('salary', '应大于 0');
    const salary = Number(dto.salary).toFixed(2);
    return this.decide(admin, id, 'approve', context, async (application) => {
      const contract = await this.db.getRepository(Contract).findOneBy({ id: dto.contract_id });
      if (!contract || contract.status !== EnabledFlag.Enabled || contract.companyId !== application.companyId) {
        throw new AppException(ErrorCode.ContractNotUsable, '合同不可用：须为该申请用人单位的已启用合同');
      }
      return {
        changes: { contractId: contract.id, entryDate: dto.entry_date, salary, reason: null },
        detail: { contract_id: contract.id, entry_date: dto.entry_date, salary },
      };
    });
  }

  reject(admin: AdminPrincipal, id: number, dto: RejectApplicationDto, context: RequestContext): Promise<ApplicationRow> {
    return this.decide(admin, id, 'reject', context, async () => ({ changes: { reason: dto.reason }, detail: { reason: dto.reason } }));
  }

  cancel(admin: AdminPrincipal, id: number, dto: CancelApplicationDto, context: RequestContext): Promise<ApplicationRow> {
    const reason = dto.reason ?? null;
    return this.decide(admin, id, 'cancel', context, async () => ({ changes: { reason }, detail: { reason } }));
  }

  /**
   * One HR decision: checked against the state machine, then written only if nobody changed the
   * application meanwhile (version check), with its event and audit entry in the same transaction.
   * Of two admins deciding at once exactly one wins; the other hears what the application became.
   */
  private async decide(
    admin: AdminPrincipal,
    id: number,
    name: TransitionName,
    context: RequestContext,
    prepare: (application: SignApplication) => Promise<{ changes: Partial<SignApplication>; detail: Record<string, unknown> }>,
  ): Promise<ApplicationRow> {
    const application = await this.visible(admin, id);
    const transition = assertTransition(name, application.status);
    const { changes, detail } = await prepare(application);
    await this.db.transaction(async (manager) => {
      const result = await manager.update(
        SignApplication,
        { id, version: application.version },
        { ...changes, status: transition.to, version: application.version + 1 },
      );
      if (!result.affected) {
        const now = await manager.findOneByOrFail(SignApplication, { id });
        assertTransition(name, now.status);
        throw new AppException(ErrorCode.ApplicationChanged);
      }
      await recordApplicationEvent(manager, {
        applicationId: id, event: transition.event, fromStatus: application.status, toStatus: transition.to,
        actor: { type: 'admin', id: admin.adminId }, context, detail: JSON.stringify(detail),
      });
      await this.audit.record(admin, context.ip, { action: `application.${name}`, targetType: 'sign_apply', targetId: id, detail }, manager);
    });
    return this.row(await this.visible(admin, id));
  }

  /** The application with its people and company, if this admin may see it; otherwise 404, so nothing is learnt of others'. */
  private async visible(admin: AdminPrincipal, id: number): Promise<SignApplication> {
    const application = await this.withRelations().where('a.id = :id', { id }).getOne();
    if (!application || (!seesAllApplications(admin) && application.handlerId !== admin.adminId)) {
      throw new AppException(ErrorCode.RecordNotFound, '签约申请不存在');
    }
    return application;
  }

  private withRelations(): SelectQueryBuilder<SignApplication> {
    return this.db
      .getRepository(SignApplication)
      .createQueryBuilder('a')
      .innerJoinAndSelect('a.employee', 'e')
      .innerJoinAndSelect('e.user', 'u')
      .innerJoinAndSelect('a.company', 'c')
      .innerJoinAndSelect('a.handler', 'h')
      .leftJoinAndSelect('a.contract', 'k');
  }

  private filtered(admin: AdminPrincipal, query: ApplicationQueryDto): SelectQueryBuilder<SignApplication> {
    for (const field of ['from', 'to'] as const) {
      const value = query[field];
      if (value && !isCalendarDate(value)) throw AppException.invalid(field, '不是有效的日期');
    }
    const qb = this.withRelations();
    if (!seesAllApplications(admin)) qb.andWhere('a.ad_user_id = :me', { me: admin.adminId });
    if (query.status) qb.andWhere('a.status = :status', { status: query.status });
    if (query.company_id) qb.andWhere('a.company_id = :companyId', { companyId: query.company_id });
    if (query.handler_id) qb.andWhere('a.ad_user_id = :handlerId', { handlerId: query.handler_id });
    if (query.keyword) {
      const [byName, nameParams] = whereContains('e.real_name', 'kwName', query.keyword);
      const [byPhone, phoneParams] = whereContains('e.phone', 'kwPhone', query.keyword);
      qb.andWhere(`(${byName} OR ${byPhone})`, { ...nameParams, ...phoneParams });
    }
    if (query.from) qb.andWhere('a.apply_time >= :from', { from: chinaDayStart(query.from) });
    if (query.to) qb.andWhere('a.apply_time < :to', { to: new Date(+chinaDayStart(query.to) + 24 * 3600 * 1000) });
    return qb;
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
      apply_time: a.applyTime,
      entry_date: a.entryDate,
      salary: a.salary,
      contract_id: a.contractId,
      verify_status: e.user!.verifyStatus,
    };
  }
}

const exportFilters = (query: ApplicationQueryDto) =>
  Object.fromEntries(Object.entries(query).filter(([key, value]) => value !== null && value !== undefined && key !== 'page' && key !== 'page_size'));
