import { Injectable } from '@nestjs/common';
import { chinaDay } from '../common/china-time';
import { SecretsService } from '../common/crypto/secrets.service';

/**
 * Names of the verification keys in the KvStore. Phone numbers appear only as a keyed hash, so a
 * look at Redis shows neither the numbers nor (the codes being MACs too) anything usable.
 */
@Injectable()
export class VerificationKeys {
  constructor(private readonly secrets: SecretsService) {}

  captcha(captchaId: string): string {
    return `captcha:${captchaId}`;
  }

  smsCode(phone: string): string {
    return `sms:code:${this.phoneTag(phone)}`;
  }

  /** A phone this user proved with a code that submitted nothing yet (the Moka prefill). */
  phoneProven(userId: number, phone: string): string {
    return `sms:proven:${userId}:${this.phoneTag(phone)}`;
  }

  smsTries(phone: string): string {
    return `sms:tries:${this.phoneTag(phone)}`;
  }

  phoneCooldown(phone: string): string {
    return `sms:cooldown:${this.phoneTag(phone)}`;
  }

  phoneDay(phone: string, day = chinaDay()): string {
    return `sms:phone-day:${this.phoneTag(phone)}:${day}`;
  }

  userDay(userId: number, day = chinaDay()): string {
    return `sms:user-day:${userId}:${day}`;
  }

  ipHour(ip: string): string {
    return `sms:ip-hour:${ip}`;
  }

  private phoneTag(phone: string): string {
    // The `phone:` prefix keeps these MACs apart from the code MACs (`<phone>:<code>`) under the same key.
    return this.secrets.mac('verification-codes', `phone:${phone}`).slice(0, 32);
  }
}
