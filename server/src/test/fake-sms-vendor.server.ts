import { createHash, createHmac, randomInt } from 'node:crypto';
import { FakeHttpServer } from './fake-http.server';

/** A number the fake SMS vendors refuse (their own per-number limit), and one they never answer for. */
export const VENDOR_REFUSED_PHONE = '13800000000';
export const VENDOR_SILENT_PHONE = '13800009999';

/** What a fake SMS vendor does with a number: by its last four digits, 0000 refused, 9999 no answer at all. */
export function vendorBehaviour(phone: string): 'send' | 'refuse' | 'ignore' {
  if (phone.endsWith(VENDOR_REFUSED_PHONE.slice(-4))) return 'refuse';
  if (phone.endsWith(VENDOR_SILENT_PHONE.slice(-4))) return 'ignore';
  return 'send';
}

export const sha256Hex = (data: string): string => createHash('sha256').update(data, 'utf8').digest('hex');
export const hmacSha256 = (key: string | Buffer, data: string): Buffer => createHmac('sha256', key).update(data, 'utf8').digest();
export const digits = (n: number): string => Array.from({ length: n }, () => randomInt(10)).join('');

/**
 * A fake SMS vendor: one account, whose key pair it checks request signatures with. A test changes
 * `keyId` (a key the vendor does not know) or `secret` (a rotated secret) to make the app's key fail,
 * and calls `resetKeys` after.
 */
export abstract class FakeSmsVendorServer extends FakeHttpServer {
  keyId: string;
  secret: string;

  constructor(private readonly issued: { keyId: string; secret: string }) {
    super();
    this.keyId = issued.keyId;
    this.secret = issued.secret;
  }

  resetKeys(): void {
    this.keyId = this.issued.keyId;
    this.secret = this.issued.secret;
  }

  /** The app's environment for sending through this fake, listening at `url`. */
  abstract appEnv(url: string): Record<string, string>;
}
