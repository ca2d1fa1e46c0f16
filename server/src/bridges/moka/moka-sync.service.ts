import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { EnabledFlag, ErrorCode, MokaDepartmentSyncMode, MokaDepartmentSyncReport, MokaRunReport, MokaUserSyncReport } from '@shanqian/shared';
import { AdminPrincipal } from '../../admin/admin-route.decorator';
import { AdminUser } from '../../admin/admin-user.entity';
import { AdminUserRepository } from '../../admin/admin-user.repository';
import { AuditLogService } from '../../admin/audit-log.service';
import { CatalogRepository } from '../../catalog/catalog.repository';
import { Company } from '../../catalog/company.entity';
import { AppException } from '../../common/app.exception';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { BridgeQueue } from '../common/bridge-queue';
import { BridgeStatusService } from '../common/bridge-status.service';
import { PartnerError } from '../common/partner-client';
import { MOKA_USERS_PER_BATCH, MokaClient } from './moka.client';
import { MokaRuns } from './moka-runs';
import { MokaDepartment, MokaDepartmentCounts, MokaRole, MokaUserInfo } from './moka.types';

/** Job types in the bridge queue. */
const JOB = {
  users: 'users.sync',
  departmentCreate: 'department.create',
  departmentUpdate: 'department.update',
  departmentsReplace: 'departments.replace',
} as const;

type UserFailure = MokaUserSyncReport['failed'][number];
type CompanyFailure = MokaDepartmentSyncReport['failed'][number];

interface UserRunMeta {
  kind: 'sync-users';
  users: number;
}
interface UserPart {
  synced: number;
  failed: UserFailure[];
}
interface DepartmentRunMeta {
  kind: 'sync-departments';
  mode: MokaDepartmentSyncMode;
  companies: number;
}
interface DepartmentPart {
  synced: number;
  failed: CompanyFailure[];
  counts?: MokaDepartmentCounts;
  error?: string;
}

interface UserBatchJob {
  run_id: string;
  part: number;
  /** Read again when the job runs: a job delayed by an outage sends the users as they are then. */
  user_ids: number[];
}
interface DepartmentJob {
  run_id: string;
  part: number;
  company_id: number;
}
interface DepartmentsReplaceJob {
  run_id: string;
}

/** Moka's answer when incremental sync meets a code it has: the department is there, which is what was asked. */
const duplicateCode = (code: string) => new RegExp(`编号\\s*${code}\\s*的部门编号重复`);

/**
 * Our HR staff and companies pushed to Moka. Every push changes Moka's data, so it is a job in the
 * persisted bridge queue: an outage or a restart delays it, never loses it. The admin's request
 * answers the run's report once its jobs have run (or after a wait, with what is known so far).
 */
@Injectable()
export class MokaSyncService implements OnModuleInit {
  constructor(
    private readonly adminUsers: AdminUserRepository,
    private readonly catalog: CatalogRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly client: MokaClient,
    private readonly queue: BridgeQueue,
    private readonly status: BridgeStatusService,
    private readonly runs: MokaRuns,
    private readonly audit: AuditLogService,
  ) {}

  onModuleInit(): void {
    // A bridge that is off registers no handlers: its jobs wait until it is configured.
    if (!this.config.bridges.moka) return;
    this.queue.handle<UserBatchJob>('moka', JOB.users, (job) => this.runUserBatch(job));
    this.queue.handle<DepartmentJob>('moka', JOB.departmentCreate, (job) => this.runDepartment(job, 'create'));
    this.queue.handle<DepartmentJob>('moka', JOB.departmentUpdate, (job) => this.runDepartment(job, 'update'));
    this.queue.handle<DepartmentsReplaceJob>('moka', JOB.departmentsReplace, (job) => this.runReplace(job));
  }

  /** Every admin user, in batches of at most 100 per syncInfo request. */
  async syncUsers(admin: AdminPrincipal, ip: string, waitMs: number): Promise<MokaUserSyncReport> {
    this.status.assertConfigured('moka');
    const ids = await this.adminUsers.allIds();
    const batches = chunk(ids, MOKA_USERS_PER_BATCH);
    const runId = await this.runs.start({ kind: 'sync-users', users: ids.length } satisfies UserRunMeta, batches.length);
    for (const [part, userIds] of batches.entries()) {
      await this.queue.enqueue('moka', JOB.users, { run_id: runId, part, user_ids: userIds } satisfies UserBatchJob);
    }
    await this.audit.record(admin, ip, { action: 'moka.sync_users', detail: { run_id: runId, users: ids.length, batches: batches.length } });
    await this.runs.settle(waitMs);
    return (await this.report(runId)) as MokaUserSyncReport;
  }

  /**
   * Companies as Moka departments (`department_code` = company id, all first-level). incremental:
   * one create job per company, once per company ever (the queue's dedupe key); update: one job per
   * company each time the company changed (its updated_at is in the key); full: one job that sends
   * the complete list as it is when the job runs.
   */
  async syncDepartments(mode: MokaDepartmentSyncMode, confirm: boolean, admin: AdminPrincipal, ip: string, waitMs: number): Promise<MokaDepartmentSyncReport> {
    this.status.assertConfigured('moka');
    if (mode === 'full' && !confirm) {
      throw AppException.invalid('confirm', '全量同步会把 Moka 中不在列表里的部门全部标记为删除，确认无误请传 confirm: true');
    }
    const companies = await this.catalog.allCompanies();
    // An empty list would delete every department Moka has.
    if (mode === 'full' && !companies.length) throw new AppException(ErrorCode.ValidationFailed, '没有任何用人单位，不能全量同步');
    const runId = await this.runs.start({ kind: 'sync-departments', mode, companies: companies.length } satisfies DepartmentRunMeta, mode === 'full' ? 1 : companies.length);
    if (mode === 'full') {
      await this.queue.enqueue('moka', JOB.departmentsReplace, { run_id: runId } satisfies DepartmentsReplaceJob);
    } else {
      for (const [part, company] of companies.entries()) {
        const job: DepartmentJob = { run_id: runId, part, company_id: company.id };
        if (mode === 'incremental') await this.queue.enqueue('moka', JOB.departmentCreate, job, String(company.id));
        else await this.queue.enqueue('moka', JOB.departmentUpdate, job, `${company.id}:${company.updatedAt.getTime()}`);
      }
    }
    await this.audit.record(admin, ip, { action: `moka.sync_departments.${mode}`, detail: { run_id: runId, companies: companies.length } });
    await this.runs.settle(waitMs);
    return (await this.report(runId)) as MokaDepartmentSyncReport;
  }

  /** A run's report as far as its jobs have got; 404 once it has expired (7 days) or never existed. */
  async report(runId: string): Promise<MokaRunReport> {
    const run = await this.runs.read<UserRunMeta | DepartmentRunMeta, UserPart | DepartmentPart>(runId);
    if (!run) throw new AppException(ErrorCode.RecordNotFound, '同步记录不存在或已过期');
    const synced = run.parts.reduce((sum, part) => sum + part.synced, 0);
    if (run.meta.kind === 'sync-users') {
      const failed = (run.parts as UserPart[]).flatMap((part) => part.failed);
      return { run_id: runId, kind: 'sync-users', state: run.state, users: run.meta.users, synced, failed };
    }
    const parts = run.parts as DepartmentPart[];
    const full = parts.find((part) => part.counts || part.error);
    return {
      run_id: runId,
      kind: 'sync-departments',
      mode: run.meta.mode,
      state: run.state,
      companies: run.meta.companies,
      synced,
      failed: parts.flatMap((part) => part.failed),
      counts: full?.counts ?? null,
      error: full?.error ?? null,
    };
  }

  /**
   * One syncInfo batch. Moka stops at the first user it refuses, having synced the ones before it,
   * and names that user's email in front of the reason: that user is reported failed and the rest
   * of the batch is sent again. A refusal naming nobody fails the whole (remaining) batch.
   */
  private async runUserBatch(job: UserBatchJob): Promise<void> {
    const users = await this.adminUsers.findByIds(job.user_ids);
    const failed: UserFailure[] = users.filter((user) => !user.email).map((user) => userFailure(user, '没有邮箱：Moka 以邮箱或工号识别用户'));
    let remaining = users.filter((user) => user.email);
    let synced = 0;
    while (remaining.length) {
      try {
        await this.client.syncUsers(remaining.map(mokaUser));
        synced += remaining.length;
        break;
      } catch (error) {
        // Transient: the queue tries the whole batch again later (syncInfo is an upsert, so resending is harmless).
        if (!(error instanceof PartnerError) || error.kind !== 'permanent') throw error;
        const index = error.authFailure ? -1 : refusedUser(remaining, error.message);
        if (index < 0) {
          failed.push(...remaining.map((user) => userFailure(user, error.message)));
          await this.runs.record(job.run_id, job.part, { synced, failed } satisfies UserPart);
          throw error;
        }
        const refused = remaining[index];
        const reason = reasonAfter(error.message, refused.email!);
        failed.push(userFailure(refused, reason));
        await this.status.recordError('moka', JOB.users, new Error(`${refused.username} <${refused.email}>: ${reason}`));
        synced += index;
        remaining = remaining.slice(index + 1);
      }
    }
    await this.runs.record(job.run_id, job.part, { synced, failed } satisfies UserPart);
  }

  private async runDepartment(job: DepartmentJob, action: 'create' | 'update'): Promise<void> {
    const company = await this.catalog.company(job.company_id);
    if (!company) {
      await this.runs.record(job.run_id, job.part, { synced: 0, failed: [{ company_id: job.company_id, company_name: '', reason: '用人单位已不存在' }] } satisfies DepartmentPart);
      return;
    }
    try {
      if (action === 'create') await this.client.syncDepartmentsIncremental([department(company)]);
      else await this.client.updateDepartments([department(company)]);
    } catch (error) {
      const alreadyThere = action === 'create' && error instanceof PartnerError && error.kind === 'permanent' && duplicateCode(String(company.id)).test(error.message);
      if (!alreadyThere) {
        if (error instanceof PartnerError && error.kind === 'permanent') {
          const failure = { company_id: company.id, company_name: company.companyName, reason: error.message };
          await this.runs.record(job.run_id, job.part, { synced: 0, failed: [failure] } satisfies DepartmentPart);
        }
        throw error;
      }
    }
    await this.runs.record(job.run_id, job.part, { synced: 1, failed: [] } satisfies DepartmentPart);
  }

  private async runReplace(job: DepartmentsReplaceJob): Promise<void> {
    const companies = await this.catalog.allCompanies();
    // Checked again here: the companies may have gone between the request and the job.
    if (!companies.length) {
      await this.runs.record(job.run_id, 0, { synced: 0, failed: [], error: '没有任何用人单位，未同步' } satisfies DepartmentPart);
      return;
    }
    try {
      const counts = await this.client.replaceAllDepartments(companies.map(department));
      await this.runs.record(job.run_id, 0, { synced: companies.length, failed: [], counts } satisfies DepartmentPart);
    } catch (error) {
      if (error instanceof PartnerError && error.kind === 'permanent') {
        await this.runs.record(job.run_id, 0, { synced: 0, failed: [], error: error.message } satisfies DepartmentPart);
      }
      throw error;
    }
  }
}

/** An admin user as Moka's syncInfo wants it. Fields we do not manage are sent empty and flagged not to be updated. */
function mokaUser(user: AdminUser): MokaUserInfo {
  return {
    email: user.email!,
    name: user.name ?? user.username,
    phone: user.phone ?? '',
    // Our super admins run the back office: Moka's 管理员, not its 超管 (which owns the Moka account).
    role: user.role === 'super' ? MokaRole.Admin : MokaRole.Hr,
    departmentCode: [],
    superiorEmail: '',
    deactivated: user.status === EnabledFlag.Enabled ? 0 : 1,
    thirdPartyId: '',
    updateDepartment: false,
    updateSuperiorEmail: false,
  };
}

function department(company: Company): MokaDepartment {
  return { department_code: String(company.id), name: company.companyName, parent_code: null };
}

function userFailure(user: AdminUser, reason: string): UserFailure {
  return { user_id: user.id, username: user.username, email: user.email, reason };
}

/** The user whose email Moka's message names (the longest match, so a@x.com never stands for aa@x.com); -1 when none. */
function refusedUser(users: AdminUser[], message: string): number {
  let found = -1;
  users.forEach((user, i) => {
    if (message.includes(user.email!) && (found < 0 || user.email!.length > users[found].email!.length)) found = i;
  });
  return found;
}

/** Moka's reason without the email it is prefixed with. */
function reasonAfter(message: string, email: string): string {
  return message.slice(message.indexOf(email) + email.length).replace(/^[\s:：)）\]】,，-]+/, '') || message;
}

function chunk<T>(items: T[], size: number): T[][] {
  return Array.from({ length: Math.ceil(items.length / size) }, (_, i) => items.slice(i * size, (i + 1) * size));
}
