import { randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { InjectPinoLogger, PinoLogger } from 'nestjs-pino';
import { create as createCaptcha } from 'svg-captcha';
import { SecretsService } from '../common/crypto/secrets.service';
import { KV_STORE, KvStore } from '../common/kv/kv-store';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { VerificationKeys } from './verification-keys.service';

export const CAPTCHA_TTL_MS = 5 * 60 * 1000;
const CAPTCHA_ID = /^[0-9a-f]{32}$/;
/** No characters that read alike in a noisy image (0/O, 1/I/L, 2/Z, 5/S, 8/B); answers are case-insensitive anyway. */
const CAPTCHA_CHARS = 'ACDEFGHJKMNPQRTUVWXY34679';

export interface IssuedCaptcha {
  captchaId: string;
  svg: string;
}

/** Image captchas in front of SMS sending: one answer per id, kept only as a MAC, single-use, 5 minutes. */
@Injectable()
export class CaptchaService {
  constructor(
    @Inject(KV_STORE) private readonly store: KvStore,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly secrets: SecretsService,
    private readonly keys: VerificationKeys,
    @InjectPinoLogger(CaptchaService.name) private readonly logger: PinoLogger,
  ) {}

  async issue(): Promise<IssuedCaptcha> {
    const { text, data } = createCaptcha({
      size: 4,
      charPreset: CAPTCHA_CHARS,
      noise: 3,
      color: true,
      background: '#f4f6f8',
      width: 120,
      height: 40,
      fontSize: 48,
    });
    const captchaId = randomBytes(16).toString('hex');
    await this.store.set(this.keys.captcha(captchaId), this.secrets.mac('verification-codes', text.toLowerCase()), CAPTCHA_TTL_MS);
    if (this.config.devExposeCodes) this.logger.info({ event: 'captcha.issued', captcha_id: captchaId, text }, 'captcha issued (DEV_EXPOSE_CODES)');
    return { captchaId, svg: data };
  }

  /** Burns the captcha whatever the answer, so each image buys exactly one guess. */
  async check(captchaId: string | undefined, answer: string): Promise<boolean> {
    if (!captchaId || !CAPTCHA_ID.test(captchaId)) return false;
    const expected = await this.store.take(this.keys.captcha(captchaId));
    return expected !== null && this.secrets.verifyMac('verification-codes', answer.trim().toLowerCase(), expected);
  }
}
