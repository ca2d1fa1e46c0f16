import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { Gender, LeapinInterviewView, LeapinInviteResponse, LeapinJobList, LeapinPullResponse } from '@shanqian/shared';
import { AdminPrincipal } from '../../admin/admin-route.decorator';
import { AuditLogService } from '../../admin/audit-log.service';
import { scopeFor } from '../../applications/application-access';
import { ApplicationsService } from '../../applications/applications.service';
import { EmployeeService } from '../../employee/employee.service';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { isUniqueViolation } from '../../database/query-errors';
import { BridgeQueue } from '../common/bridge-queue';
import { BridgeStatusService } from '../common/bridge-status.service';
import { PartnerClient, partnerClientOptions, PartnerError } from '../common/partner-client';
import { MokaCandidateRepository } from '../moka/moka-candidate.repository';
import { LeapinInvite } from './leapin-invite.entity';
import { InvitedApplication, LeapinInviteRepository } from './leapin-invite.repository';
import { leapinInviteView } from './leapin-invite.view';
import { LeapinClient } from './leapin.client';
import { LeapinInviteDto, LeapinJobsQueryDto } from './leapin.dto';
import { LeapinApplication } from './leapin.types';

/** LeapIn documents no rate limit: stay well below anything an API would mind. */
const LEAPIN_REQUESTS_PER_SECOND = 5;
/** Page size of the pull's GET /jobs/applications/. */
const PULL_PAGE_SIZE = 100;

/** The queued work of one invitation: the leapin_invite row says who and to which job. */
interface InviteJob {
  inviteId: number;
  trigger_notice?: boolean;
  expire_days?: number;
}

/**
 * The LeapIn AI-interview bridge: HR invites applicants to a LeapIn job's AI interview (through the
 * persisted queue), and the interview outcomes are pulled back on a schedule and on demand.
 */
@Injectable()
export class LeapinService implements OnModuleInit, OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Bridge:leapin');
  /** Null when LeapIn is not configured: the bridge is off. */
  private readonly client: LeapinClient | null;
  private timer: NodeJS.Timeout | null = null;
  private pulling: Promise<LeapinPullResponse> | null = null;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly invites: LeapinInviteRepository,
    private readonly candidates: MokaCandidateRepository,
    private readonly queue: BridgeQueue,
    private readonly status: BridgeStatusService,
    private readonly audit: AuditLogService,
    private readonly applications: ApplicationsService,
    private readonly employees: EmployeeService,
  ) {
    const settings = config.bridges.leapin;
    this.client = settings ? new LeapinClient(settings, new PartnerClient(partnerClientOptions(config, 'leapin', LEAPIN_REQUESTS_PER_SECOND))) : null;
  }

  onModuleInit(): void {
    if (this.client) this.queue.handle<InviteJob>('leapin', 'invite', (job) => this.sendInvite(job));
  }

  onApplicationBootstrap(): void {
    const interval = this.config.bridges.leapin?.pullIntervalMs ?? 0;
    if (!this.client || interval <= 0) return;
    this.timer = setInterval(() => void this.pull().catch((error) => this.logger.warn(`scheduled pull failed: ${(error as Error).message}`)), interval);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    if (this.timer) clearInterval(this.timer);
  }

  /** LeapIn's jobs from `page` on, every page (LeapIn's `next` followed). */
  async jobs(query: LeapinJobsQueryDto): Promise<LeapinJobList> {
    const client = this.configured();
    return this.observed('jobs.list', () => client.allJobs({ page: query.page ?? undefined, page_size: query.page_size ?? undefined }));
  }

  /**
   * Queues an invitation per application whose person LeapIn has not invited to the job yet. The
   * leapin_invite row (unique per person and job) and the job's dedupe key make a repeat a no-op.
   */
  async invite(admin: AdminPrincipal, dto: LeapinInviteDto, ip: string): Promise<LeapinInviteResponse> {
    this.configured();
    const ids = [...new Set(dto.application_ids)];
    const applications = await this.applications.visibleMany(scopeFor(admin), ids);

    const result: LeapinInviteResponse = { job_id: dto.job_id, queued: [], already_invited: [] };
    for (const id of ids) {
      const application = applications.find((a) => a.id === id)!;
      const invite = await this.inviteRow(application, dto.job_id);
      if (invite.leapinApplicationId !== null) {
        result.already_invited.push(id);
        continue;
      }
      const job: InviteJob = { inviteId: invite.id, trigger_notice: dto.trigger_notice, expire_days: dto.expire_days ?? undefined };
      await this.queue.enqueue('leapin', 'invite', job, `${invite.employeeId}:${invite.jobId}`);
      result.queued.push(id);
    }
    await this.audit.record(admin, ip, { action: 'leapin.invite', detail: { ...result } });
    return result;
  }

  /** The application's LeapIn interviews, as its detail shows them. */
  async invitesForApplication(applicationId: number): Promise<LeapinInterviewView[]> {
    return (await this.invites.forApplication(applicationId)).map(leapinInviteView);
  }

  /** Reads the invited people's interview outcomes from LeapIn; one pull at a time (a second caller shares it). */
  pull(): Promise<LeapinPullResponse> {
    const client = this.configured();
    this.pulling ??= this.pullAll(client).finally(() => (this.pulling = null));
    return this.pulling;
  }

  private configured(): LeapinClient {
    this.status.assertConfigured('leapin');
    return this.client!;
  }

  /** Runs a call and records its outcome for the status page. */
  private async observed<T>(operation: string, call: () => Promise<T>): Promise<T> {
    try {
      const result = await call();
      await this.status.recordSuccess('leapin', operation);
      return result;
    } catch (error) {
      if (error instanceof PartnerError) await this.status.recordError('leapin', operation, error);
      throw error;
    }
  }

  private async inviteRow(application: InvitedApplication, jobId: number): Promise<LeapinInvite> {
    const existing = await this.invites.findByPersonAndJob(application.employeeId, jobId);
    if (existing) return existing;
    try {
      await this.invites.insert({ employeeId: application.employeeId, jobId, applicationId: application.id });
    } catch (error) {
      // Another admin invited the same person a moment ago: theirs is the row.
      if (!isUniqueViolation(error)) throw error;
    }
    return (await this.invites.findByPersonAndJob(application.employeeId, jobId))!;
  }

  /** The queued invitation: one candidate per request, so LeapIn's answer maps to its row without doubt. */
  private async sendInvite(job: InviteJob): Promise<void> {
    const invite = await this.invites.findById(job.inviteId);
    if (!invite || invite.leapinApplicationId !== null) return;
    const employee = await this.employees.findById(invite.employeeId);
    if (!employee) throw new PartnerError({ partner: 'leapin', operation: 'applications.invite', kind: 'permanent', message: `简历 ${invite.employeeId} 已不存在` });
    // 闪签云's resumes carry no e-mail; a candidate handed over by Moka may have one.
    const emailFromMoka = await this.candidates.latestEmailOf(employee.id);
    const gender = employee.gender === Gender.Male ? 0 : employee.gender === Gender.Female ? 1 : undefined;
    const invitations = await this.client!.invite(
      invite.jobId,
      [{ unique_id: employee.id, name: employee.realName, email: emailFromMoka ?? '', mobile: employee.phone, mobile_country_code: '86', ...(gender === undefined ? {} : { gender }) }],
      { ...(job.trigger_notice === undefined ? {} : { trigger_notice: job.trigger_notice }), ...(job.expire_days === undefined ? {} : { expire_days: job.expire_days }) },
    );
    const answer = invitations.find((i) => Number(i.unique_id) === employee.id) ?? (invitations.length === 1 ? invitations[0] : undefined);
    if (!answer || typeof answer.id !== 'number') {
      throw new PartnerError({ partner: 'leapin', operation: 'applications.invite', kind: 'permanent', message: '应答中没有该候选人的申请 id' });
    }
    await this.invites.update(invite.id, {
      leapinApplicationId: answer.id,
      interviewUrl: answer.interview_url ?? null,
      status: answer.status ?? null,
      reportStatus: answer.report_status ?? null,
      invitedAt: new Date(),
    });
  }

  private async pullAll(client: LeapinClient): Promise<LeapinPullResponse> {
    const invites = await this.invites.sent();
    const jobIds = [...new Set(invites.map((i) => i.jobId))];
    const result: LeapinPullResponse = { jobs: jobIds.length, invites: 0, updated: 0 };
    for (const jobId of jobIds) {
      const { results } = await this.observed('applications.list', () => client.allApplications({ job_id: jobId, page_size: PULL_PAGE_SIZE }));
      const byId = new Map(results.map((application) => [application.id, application]));
      for (const invite of invites.filter((i) => i.jobId === jobId)) {
        const application = byId.get(invite.leapinApplicationId!);
        if (!application) continue;
        result.invites++;
        if (await this.store(invite, application)) result.updated++;
      }
    }
    return result;
  }

  /** Keeps what LeapIn says of one invitation; true when something changed. */
  private async store(invite: LeapinInvite, application: LeapinApplication): Promise<boolean> {
    const score = typeof application.leapin_total_score === 'number' ? application.leapin_total_score.toFixed(2) : null;
    const outcome = {
      status: application.status ?? null,
      reportStatus: application.report_status ?? null,
      totalScore: score,
      leapinRank: application.leapin_rank ?? null,
      reportUrl: application.leapin_report_url || null,
    };
    const changed = (Object.keys(outcome) as (keyof typeof outcome)[]).some((key) => invite[key] !== outcome[key]);
    await this.invites.update(invite.id, { ...outcome, pulledAt: new Date() });
    return changed;
  }
}
