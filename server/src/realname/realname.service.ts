import { Inject, Injectable, Logger } from '@nestjs/common';
import { ErrorCode, RealnameResponse, VerifyStatus } from '@shanqian/shared';
import { ApplicationActor, ApplicationsService } from '../applications/applications.service';
import { WechatUserRepository } from '../auth/wechat-user.repository';
import { AppException } from '../common/app.exception';
import { chinaDay, msUntilChinaMidnight } from '../common/china-time';
import { KV_STORE, KvStore } from '../common/kv/kv-store';
import { takeQuota } from '../common/quota';
import { RequestContext } from '../common/request-context';
import { EmployeeService } from '../employee/employee.service';
import { detectImageMime } from '../upload/image-type';
import { RealnameCheck } from './realname-check.entity';
import { RealnameCheckRepository } from './realname-check.repository';
import { REALNAME_PROVIDER, RealnameProvider, RealnameProviderError, RealnameVerdict } from './realname-provider';

/** Attempts a worker may make in one China day: each costs a paid call, and repeated failures are a signal in themselves. */
export const REALNAME_DAILY_ATTEMPTS = 5;

/**
 * POST /verify/realname: checks that the worker is the person the resume names (verify_status 1
 * while it runs, then 2 or 3), keeps the check as evidence, and adds it to the application's history.
 */
@Injectable()
export class RealnameService {
  private readonly logger = new Logger(RealnameService.name);

  constructor(
    @Inject(REALNAME_PROVIDER) private readonly provider: RealnameProvider,
    @Inject(KV_STORE) private readonly store: KvStore,
    private readonly checks: RealnameCheckRepository,
    private readonly employees: EmployeeService,
    private readonly users: WechatUserRepository,
    private readonly applications: ApplicationsService,
  ) {}

  async verify(userId: number, selfie: Express.Multer.File | undefined, context: RequestContext): Promise<RealnameResponse> {
    const employee = await this.employees.findByUser(userId);
    const application = employee && (await this.applications.findByEmployee(employee.id));
    const user = await this.users.findById(userId);
    if (!employee || !application || !user) throw new AppException(ErrorCode.RealnameNotReady);
    // Passed stays passed until the resume's name or ID number changes (the resume resets it).
    if (user.verifyStatus === VerifyStatus.Passed) return { verify_status: VerifyStatus.Passed, reason: '' };
    if (selfie && !(await detectImageMime(selfie.buffer))) throw new AppException(ErrorCode.UploadTypeUnsupported, 'selfie: 只支持 JPEG、PNG 或 WebP 图片');
    await takeQuota(this.store, { key: `realname:user-day:${userId}:${chinaDay()}`, limit: REALNAME_DAILY_ATTEMPTS, windowMs: msUntilChinaMidnight() },
      ErrorCode.RealnameAttemptsExceeded, `今日实名认证次数已达上限（${REALNAME_DAILY_ATTEMPTS} 次），请明天再试`);

    await this.users.setVerification(userId, VerifyStatus.InProgress, null);
    let verdict: RealnameVerdict;
    try {
      verdict = await this.provider.check({ name: employee.realName, idNumber: this.employees.idNumberOf(employee), selfie: selfie?.buffer });
    } catch (error) {
      if (!(error instanceof RealnameProviderError)) throw error;
      this.logger.warn(`real-name provider ${this.provider.name} failed: ${error.code} ${error.message}`);
      await this.users.setVerification(userId, user.verifyStatus, user.verifyReason);
      await this.checks.insert(this.checkRow(userId, employee.id, !!selfie, { passed: false, reason: `${error.code}`, providerRef: error.providerRef }, context, 'error'));
      throw new AppException(ErrorCode.RealnameUnavailable);
    }

    const status = verdict.passed ? VerifyStatus.Passed : VerifyStatus.Failed;
    const reason = verdict.passed ? '' : (verdict.reason ?? '实名认证未通过').slice(0, 256);
    const actor: ApplicationActor = { type: 'employee', userId, context };
    const detail = { provider: this.provider.name, with_selfie: !!selfie, reason: reason || undefined };
    await this.applications.note(application, verdict.passed ? 'realname_passed' : 'realname_failed', actor, detail, async (manager) => {
      await this.users.setVerification(userId, status, reason || null, manager);
      await this.checks.insert(this.checkRow(userId, employee.id, !!selfie, verdict, context, verdict.passed ? 'passed' : 'failed'), manager);
    });
    return { verify_status: status, reason };
  }

  /** The latest checks of a worker, as HR's detail of the application shows them. */
  async recentChecks(employeeId: number) {
    const checks = await this.checks.latest(employeeId, 20);
    return checks.map((c) => ({
      provider: c.provider, with_selfie: c.withSelfie, outcome: c.outcome, reason: c.reason ?? '', request_id: c.providerRef, ip: c.ip, created_at: c.createdAt,
    }));
  }

  private checkRow(userId: number, employeeId: number, withSelfie: boolean, verdict: RealnameVerdict, context: RequestContext, outcome: RealnameCheck['outcome']): Partial<RealnameCheck> {
    return {
      userId, employeeId, provider: this.provider.name, withSelfie, outcome,
      reason: verdict.reason?.slice(0, 256) ?? null, providerRef: verdict.providerRef?.slice(0, 64) ?? null, ip: context.ip,
    };
  }
}
