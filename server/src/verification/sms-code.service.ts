import { randomInt } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { ErrorCode } from '@shanqian/shared';
import { InjectPinoLogger, PinoLogger } from 'nestjs-pino';
import { AppException } from '../common/app.exception';
import { SecretsService } from '../common/crypto/secrets.service';
import { KV_STORE, KvStore } from '../common/kv/kv-store';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { SMS_CODE_MINUTES, SMS_SENDER, SmsSender } from './sms/sms-sender';
import { SmsRequester, SmsSendLimits } from './sms-send-limits.service';
import { VerificationKeys } from './verification-keys.service';

export const SMS_CODE_TTL_MS = SMS_CODE_MINUTES * 60 * 1000;
/** The fifth wrong try deletes the code: six digits leave no useful odds in five guesses. */
export const SMS_CODE_MAX_TRIES = 5;
/** How long a phone proven through the Moka prefill stays proven for the same user's resume. */
export const PHONE_PROOF_TTL_MS = 30 * 60_000;

const maskPhone = (phone: string): string => `${phone.slice(0, 3)}****${phone.slice(-4)}`;

/**
 * SMS verification codes: six digits, valid five minutes, kept only as a MAC of phone and code,
 * single-use, and void after five wrong tries. Sending is behind the limits of SmsSendLimits.
 */
@Injectable()
export class SmsCodeService {
  constructor(
    @Inject(KV_STORE) private readonly store: KvStore,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(SMS_SENDER) private readonly sender: SmsSender,
    private readonly secrets: SecretsService,
    private readonly keys: VerificationKeys,
    private readonly limits: SmsSendLimits,
    @InjectPinoLogger(SmsCodeService.name) private readonly logger: PinoLogger,
  ) {}

  /** Sends a fresh code to `phone`; it replaces any earlier one and starts its tries afresh. */
  async send(phone: string, by: SmsRequester): Promise<void> {
    const release = await this.limits.reserve(phone, by);
    const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
    const codeKey = this.keys.smsCode(phone);
    await this.store.delete(this.keys.smsTries(phone));
    await this.store.set(codeKey, this.mac(phone, code), SMS_CODE_TTL_MS);
    try {
      await this.sender.send(phone, code);
    } catch (error) {
      await this.store.delete(codeKey);
      await release();
      // The vendor's message and request id only: SDK errors can carry the request, never log those whole.
      this.logger.error({ event: 'sms.send_failed', provider: this.config.sms.provider, phone: maskPhone(phone), reason: (error as Error).message }, 'SMS provider failed');
      throw new AppException(ErrorCode.SmsSendFailed);
    }
    if (this.config.devExposeCodes) this.logger.info({ event: 'sms.sent', phone, code }, 'SMS code sent (DEV_EXPOSE_CODES)');
  }

  /**
   * Checks and uses up the code sent to `phone`; throws when it is missing (a 400 naming `field`),
   * wrong, expired, already used, or has been guessed at too often. Of racing callers with the
   * right code, exactly one succeeds.
   */
  async consume(phone: string, code: string | undefined | null, field = 'verify_code'): Promise<void> {
    const given = typeof code === 'string' ? code.trim() : '';
    if (!given) throw AppException.invalid(field, '请输入短信验证码');

    const codeKey = this.keys.smsCode(phone);
    const triesKey = this.keys.smsTries(phone);
    const expected = await this.store.get(codeKey);
    if (expected === null) {
      // Gone after too many tries: say so, rather than "expired", until a new code is asked for.
      const tries = Number(await this.store.get(triesKey));
      throw new AppException(tries >= SMS_CODE_MAX_TRIES ? ErrorCode.SmsCodeAttemptsExceeded : ErrorCode.SmsCodeInvalid);
    }
    if (!this.secrets.verifyMac('verification-codes', `${phone}:${given}`, expected)) {
      const { count } = await this.store.increment(triesKey, SMS_CODE_TTL_MS);
      if (count >= SMS_CODE_MAX_TRIES) {
        await this.store.delete(codeKey);
        throw new AppException(ErrorCode.SmsCodeAttemptsExceeded);
      }
      throw new AppException(ErrorCode.SmsCodeInvalid);
    }
    // take() decides between racing right answers; checking what was taken also covers a new code
    // having replaced this one in between.
    const taken = await this.store.take(codeKey);
    if (taken === null || !this.secrets.verifyMac('verification-codes', `${phone}:${given}`, taken)) {
      throw new AppException(ErrorCode.SmsCodeInvalid);
    }
    await this.store.delete(triesKey);
  }

  /**
   * Consumes a code that proves the phone without submitting anything yet (the Moka prefill), and
   * remembers the proof for this user a while, so that the resume it leads to needs no second SMS.
   */
  async consumeAndRemember(userId: number, phone: string, code: string | undefined | null): Promise<void> {
    await this.consume(phone, code);
    await this.store.set(this.keys.phoneProven(userId, phone), '1', PHONE_PROOF_TTL_MS);
  }

  /** `consume`, or, when no code is given, the proof `consumeAndRemember` left for this user and phone (used once). */
  async consumeOrProven(userId: number, phone: string, code: string | undefined | null, field = 'verify_code'): Promise<void> {
    const given = typeof code === 'string' && code.trim() !== '';
    if (!given && (await this.store.take(this.keys.phoneProven(userId, phone))) !== null) return;
    await this.consume(phone, code, field);
  }

  private mac(phone: string, code: string): string {
    return this.secrets.mac('verification-codes', `${phone}:${code}`);
  }
}
