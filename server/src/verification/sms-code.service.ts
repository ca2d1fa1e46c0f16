import { randomInt } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { ErrorCode } from '@shanqian/shared';
import { InjectPinoLogger, PinoLogger } from 'nestjs-pino';
import { AppException } from '../common/app.exception';
import { SecretsService } from '../common/crypto/secrets.service';
import { KV_STORE, KvStore } from '../common/kv/kv-store';
import { maskPhone } from '../common/mask';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { SMS_CODE_MINUTES, SMS_SENDER, SmsSender } from './sms/sms-sender';
import { SmsRequester, SmsSendLimits } from './sms-send-limits.service';
import { VerificationKeys } from './verification-keys.service';

export const SMS_CODE_TTL_MS = SMS_CODE_MINUTES * 60 * 1000;
/** The fifth wrong try deletes the code: six digits leave no useful odds in five guesses. */
export const SMS_CODE_MAX_TRIES = 5;
/** How long a phone proven through the Moka prefill stays proven for the same user's resume. */
export const PHONE_PROOF_TTL_MS = 30 * 60_000;

/** A key taken out of the store, to be put back as it was when the work it was taken for fails. */
interface TakenEntry {
  key: string;
  value: string;
  expiresAt: number;
}

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
    await this.spend(phone, code, async () => undefined, field);
  }

  /**
   * Uses the code sent to `phone` for `work`: checks and takes it as `consume` does (so that of
   * racing requests only one runs `work`), then runs `work`. When `work` throws, the code is given
   * back with the lifetime and wrong tries it had left, unless a new code has replaced it meanwhile:
   * only a request that succeeds uses up a code.
   */
  async spend<T>(phone: string, code: string | undefined | null, work: () => Promise<T>, field = 'verify_code'): Promise<T> {
    return this.runOrGiveBack(await this.take(phone, code, field), work);
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
    await this.spendOrProven(userId, phone, code, async () => undefined, field);
  }

  /** `spend`, or, when no code is given, the proof `consumeAndRemember` left for this user and phone, given back likewise when `work` throws. */
  async spendOrProven<T>(userId: number, phone: string, code: string | undefined | null, work: () => Promise<T>, field = 'verify_code'): Promise<T> {
    return this.runOrGiveBack(await this.takeOrProven(userId, phone, code, field), work);
  }

  /**
   * `spendOrProven` with the take at the end: `work` calls `take()` once its own writes are done,
   * inside its transaction just before the commit. Racing submissions of one user then meet the
   * database's unique indexes (a 409) rather than a code another request holds, and a `work` that
   * fails after the take (the commit included) gives the code back. Only the first `take()` takes:
   * a transaction run again after a deadlock keeps the code its first run took.
   */
  async spendLast<T>(userId: number, phone: string, code: string | undefined | null, work: (take: () => Promise<void>) => Promise<T>, field = 'verify_code'): Promise<T> {
    let taken: TakenEntry[] = [];
    try {
      return await work(async () => {
        if (!taken.length) taken = await this.takeOrProven(userId, phone, code, field);
      });
    } catch (error) {
      if (taken.length) await this.giveBack(taken);
      throw error;
    }
  }

  private async takeOrProven(userId: number, phone: string, code: string | undefined | null, field: string): Promise<TakenEntry[]> {
    const given = typeof code === 'string' && code.trim() !== '';
    const proof = given ? null : await this.takeEntry(this.keys.phoneProven(userId, phone));
    return proof ? [proof] : this.take(phone, code, field);
  }

  /** Checks the code and takes it (and its count of wrong tries) out of the store, answering what was taken. */
  private async take(phone: string, code: string | undefined | null, field: string): Promise<TakenEntry[]> {
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
    // The take decides between racing right answers; checking what was taken also covers a new code
    // having replaced this one in between.
    const taken = await this.takeEntry(codeKey);
    if (taken === null || !this.secrets.verifyMac('verification-codes', `${phone}:${given}`, taken.value)) {
      throw new AppException(ErrorCode.SmsCodeInvalid);
    }
    const tries = await this.takeEntry(triesKey);
    return tries ? [taken, tries] : [taken];
  }

  private async takeEntry(key: string): Promise<TakenEntry | null> {
    const taken = await this.store.takeWithTtl(key);
    return taken && { key, value: taken.value, expiresAt: Date.now() + taken.ttlMs };
  }

  private async runOrGiveBack<T>(taken: TakenEntry[], work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      await this.giveBack(taken);
      throw error;
    }
  }

  /**
   * Puts back what `take` took, with the time it had left. The first entry goes back only if its key
   * is still free (a code sent meanwhile wins over the old one) and the rest only with it.
   */
  private async giveBack([first, ...rest]: TakenEntry[]): Promise<void> {
    try {
      const now = Date.now();
      if (first.expiresAt <= now || !(await this.store.setIfAbsent(first.key, first.value, first.expiresAt - now))) return;
      for (const entry of rest) if (entry.expiresAt > now) await this.store.set(entry.key, entry.value, entry.expiresAt - now);
    } catch (error) {
      // The work's own error is the answer; a store that failed here only costs the user a new code.
      this.logger.warn({ event: 'sms.give_back_failed', reason: (error as Error).message }, 'could not give an SMS code back');
    }
  }

  private mac(phone: string, code: string): string {
    return this.secrets.mac('verification-codes', `${phone}:${code}`);
  }
}
