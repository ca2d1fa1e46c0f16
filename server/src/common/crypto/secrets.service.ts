import { createCipheriv, createDecipheriv, createHash, createHmac, hkdfSync, randomBytes, timingSafeEqual } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../../config/app-config';

/** Purposes of the keys derived from DATA_KEY: one key per purpose, so no key serves two. */
export type KeyPurpose = 'id-number-encryption' | 'id-number-lookup' | 'file-links' | 'verification-codes' | 'unique-keys';

const CIPHER_VERSION = 'v1';

/**
 * Everything keyed by DATA_KEY: encryption of personal data at rest (AES-256-GCM), keyed hashes for
 * lookups and short-lived codes, and HMAC signatures of file links.
 */
@Injectable()
export class SecretsService {
  private readonly keys = new Map<KeyPurpose, Buffer>();

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    for (const purpose of ['id-number-encryption', 'id-number-lookup', 'file-links', 'verification-codes', 'unique-keys'] as const) {
      this.keys.set(purpose, Buffer.from(hkdfSync('sha256', config.dataKey, Buffer.alloc(0), `shanqian:${purpose}`, 32)));
    }
  }

  /** `v1.<iv>.<tag>.<ciphertext>`, base64url parts; the version leaves room to rotate the scheme. */
  encrypt(plain: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key('id-number-encryption'), iv);
    const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return [CIPHER_VERSION, iv, cipher.getAuthTag(), body].map((p) => (typeof p === 'string' ? p : p.toString('base64url'))).join('.');
  }

  decrypt(sealed: string): string {
    const [version, iv, tag, body] = sealed.split('.');
    if (version !== CIPHER_VERSION || !iv || !tag || body === undefined) throw new Error('Unknown ciphertext format');
    const decipher = createDecipheriv('aes-256-gcm', this.key('id-number-encryption'), Buffer.from(iv, 'base64url'));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
  }

  /** Hex HMAC-SHA256 of `value` under the key for `purpose`. */
  mac(purpose: KeyPurpose, value: string): string {
    return createHmac('sha256', this.key(purpose)).update(value).digest('hex');
  }

  /** Constant-time comparison of `value`'s MAC with an expected one. */
  verifyMac(purpose: KeyPurpose, value: string, expected: string): boolean {
    const actual = Buffer.from(this.mac(purpose, value), 'hex');
    const wanted = Buffer.from(expected, 'hex');
    return actual.length === wanted.length && timingSafeEqual(actual, wanted);
  }

  private key(purpose: KeyPurpose): Buffer {
    return this.keys.get(purpose)!;
  }
}

/** Unkeyed SHA-256, for values that are already unguessable (session tokens, file contents). */
export function sha256Hex(value: string | Buffer): string {
  return createHash('sha256').update(value).digest('hex');
}
