import { Inject, Injectable } from '@nestjs/common';
import { ErrorCode } from '@shanqian/shared';
import { AppException } from '../common/app.exception';
import { KV_STORE, KvStore } from '../common/kv/kv-store';
import { retryAfter, takeQuota } from '../common/quota';
import { msUntilChinaMidnight } from '../common/china-time';
import { VerificationKeys } from './verification-keys.service';

/**
 * What one phone, one WeChat user and one IP may send. Each send costs money and lands on a real
 * phone, so the per-phone limits protect the owner of the number; the per-user and per-IP limits
 * stop one client from spraying many numbers. The IP limit is generous because whole workplaces
 * and mobile carriers put many people behind one address.
 */
export const SMS_LIMITS = {
  phoneCooldownMs: 60_000,
  phonePerDay: 10,
  userPerDay: 20,
  ipPerHour: 60,
  ipWindowMs: 3600_000,
} as const;

export interface SmsRequester {
  userId: number;
  ip: string;
}

@Injectable()
export class SmsSendLimits {
  constructor(
    @Inject(KV_STORE) private readonly store: KvStore,
    private readonly keys: VerificationKeys,
  ) {}

  /**
   * Reserves one send, atomically under races (SET NX and INCR in Redis), or throws the limit that
   * stops it. Answers the function that gives the phone's 60-second slot back when the message
   * could not go out, so the user may retry at once.
   */
  async reserve(phone: string, by: SmsRequester): Promise<() => Promise<void>> {
    const now = Date.now();
    const cooldownKey = this.keys.phoneCooldown(phone);
    // The value is the slot's end, so the losers of a race can tell the client when to come back.
    if (!(await this.store.setIfAbsent(cooldownKey, String(now + SMS_LIMITS.phoneCooldownMs), SMS_LIMITS.phoneCooldownMs))) {
      const until = Number(await this.store.get(cooldownKey)) || now + SMS_LIMITS.phoneCooldownMs;
      const wait = retryAfter(until - now);
      throw new AppException(ErrorCode.SmsTooFrequent, `短信发送过于频繁，请 ${wait['Retry-After']} 秒后再试`, wait);
    }
    const release = () => this.store.delete(cooldownKey);
    try {
      // Broadest first: a client stopped by its own IP or user limit never eats into the quota of
      // the phone number it typed, which may well be somebody else's.
      const untilMidnight = msUntilChinaMidnight(now);
      await takeQuota(this.store, { key: this.keys.ipHour(by.ip), limit: SMS_LIMITS.ipPerHour, windowMs: SMS_LIMITS.ipWindowMs },
        ErrorCode.SmsTooFrequent, '当前网络发送短信过于频繁，请稍后再试');
      await takeQuota(this.store, { key: this.keys.userDay(by.userId), limit: SMS_LIMITS.userPerDay, windowMs: untilMidnight },
        ErrorCode.SmsDailyLimit, '今日获取短信验证码次数已达上限，请明天再试');
      await takeQuota(this.store, { key: this.keys.phoneDay(phone), limit: SMS_LIMITS.phonePerDay, windowMs: untilMidnight },
        ErrorCode.SmsDailyLimit, '该手机号今日短信发送次数已达上限，请明天再试');
    } catch (error) {
      await release();
      throw error;
    }
    return release;
  }
}
