import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ErrorCode, RealnameResponse, VerifyStatus } from '@shanqian/shared';
import { DataSource } from 'typeorm';
import { WechatUser } from '../auth/wechat-user.entity';
import { AppException } from '../common/app.exception';
import { chinaDay, msUntilChinaMidnight } from '../common/china-time';
import { SecretsService } from '../common/crypto/secrets.service';
import { KV_STORE, KvStore } from '../common/kv/kv-store';
import { takeQuota } from '../common/quota';
import { RequestContext } from '../common/request-context';
import { Employee } from '../employee/employee.entity';
import { recordApplicationEvent } from '../applications/application-history';
import { SignApplication } from '../applications/sign-application.entity';
import { detectImageMime } from '../upload/image-type';
import { RealnameCheck } from './realname-check.entity';
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
    @InjectDataSource() private readonly db: DataSource,
    @Inject(REALNAME_PROVIDER) private readonly provider: RealnameProvider,
    @Inject(KV_STORE) private readonly store: KvStore,
    private readonly secrets: SecretsService,
  ) {}

  async verify(userId: number, selfie: Express.Multer.File | undefined, context: RequestContext): Promise<RealnameResponse> {
    const employee = await this.db.getRepository(Employee).findOneBy({ userId });
    if (!employee) throw new AppException(ErrorCode.RealnameNotReady);
    const user = await this.db.getRepository(WechatUser).findOneByOrFail({ id: userId });
    // Passed stays passed until the resume's name or ID number changes (the resume resets it).
    if (user.verifyStatus === VerifyStatus.Passed) return { verify_status: VerifyStatus.Passed, reason: '' };
    if (selfie && !(await detectImageMime(selfie.buffer))) throw new AppException(ErrorCode.UploadTypeUnsupported, 'selfie: 只支持 JPEG、PNG 或 WebP 图片');
    await takeQuota(this.store, { key: `realname:user-day:${userId}:${chinaDay()}`, limit: REALNAME_DAILY_ATTEMPTS, windowMs: msUntilChinaMidnight() },
      ErrorCode.RealnameAttemptsExceeded, `今日实名认证次数已达上限（${REALNAME_DAILY_ATTEMPTS} 次），请明天再试`);

    const users = this.db.getRepository(WechatUser);
    await users.update(userId, { verifyStatus: VerifyStatus.InProgress, verifyReason: null });
    let verdict: RealnameVerdict;
    try {
      verdict = await this.provider.check({ name: employee.realName, idNumber: this.secrets.decrypt(employee.idNumberEnc), selfie: selfie?.buffer });
    } catch (error) {
      if (!(error instanceof RealnameProviderError)) throw error;
      this.logger.warn(`real-name provider ${this.provider.name} failed: ${error.code} ${error.message}`);
      await this.db.transaction(async (manager) => {
        await manager.update(WechatUser, userId, { verifyStatus: user.verifyStatus, verifyReason: user.verifyReason });
        await manager.insert(RealnameCheck, this.checkRow(userId, employee.id, !!selfie, { passed: false, reason: `${error.code}`, providerRef: error.providerRef }, context, 'error'));
      });
      throw new AppException(ErrorCode.RealnameUnavailable);
    }

    const status = verdict.passed ? VerifyStatus.Passed : VerifyStatus.Failed;
    const reason = verdict.passed ? '' : (verdict.reason ?? '实名认证未通过').slice(0, 256);
    await this.db.transaction(async (manager) => {
      await manager.update(WechatUser, userId, { verifyStatus: status, verifyReason: reason || null });
      await manager.insert(RealnameCheck, this.checkRow(userId, employee.id, !!selfie, verdict, context, verdict.passed ? 'passed' : 'failed'));
      const application = await manager.findOneBy(SignApplication, { employeeId: employee.id });
      if (application) {
        await recordApplicationEvent(manager, {
          applicationId: application.id, event: verdict.passed ? 'realname_passed' : 'realname_failed', fromStatus: application.status, toStatus: application.status,
          actor: { type: 'employee', id: userId }, context, detail: JSON.stringify({ provider: this.provider.name, with_selfie: !!selfie, reason: reason || undefined }),
        });
      }
    });
    return { verify_status: status, reason };
  }

  private checkRow(userId: number, employeeId: number, withSelfie: boolean, verdict: RealnameVerdict, context: RequestContext, outcome: RealnameCheck['outcome']): Partial<RealnameCheck> {
    return {
      userId, employeeId, provider: this.provider.name, withSelfie, outcome,
      reason: verdict.reason?.slice(0, 256) ?? null, providerRef: verdict.providerRef?.slice(0, 64) ?? null, ip: context.ip,
    };
  }
}
