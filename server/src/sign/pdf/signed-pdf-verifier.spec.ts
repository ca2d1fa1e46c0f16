import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makeTemplatePdf } from '../../test/pdf-tools';
import { PadesSigner } from './pades-signer';
import { ensureLocalCertificate, PlatformCertificate } from './platform-certificate';
import { inspectSignedPdf, SignedPdfInspection } from './signed-pdf-verifier';

const NOT_SIGNED: SignedPdfInspection = {
  signed: false,
  coversWholeFile: false,
  signatureValid: false,
  signerFingerprintSha256: null,
  signedByPlatform: false,
  timestamp: null,
};

/** `signed` with its /Contents hex replaced by `fill` repeated. */
function withContents(signed: Buffer, fill: string): Buffer {
  const copy = Buffer.from(signed);
  const [, , firstLength, secondStart] = (/\[(\d+) (\d+) (\d+) (\d+)\]/.exec(copy.toString('latin1', copy.lastIndexOf('/ByteRange'))) ?? []).map(Number);
  copy.write(fill.repeat((secondStart - firstLength - 2) / fill.length), firstLength + 1, 'latin1');
  return copy;
}

describe('inspectSignedPdf', () => {
  let dir: string;
  let certificate: PlatformCertificate;
  let signed: Buffer;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'verifier-'));
    certificate = await ensureLocalCertificate(dir);
    const signer = new PadesSigner({ p12: certificate.p12, password: certificate.password });
    signed = await signer.sign(await makeTemplatePdf(1), { reason: '测试', name: '闪签云', signingTime: new Date() });
  });

  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('answers "not signed" for anything without a filled signature, never throwing', async () => {
    const unsigned = await makeTemplatePdf(1);
    const jpeg = Buffer.from('ffd8ffe000104a46494600010100000100010000ffdb004300', 'hex');
    const absurd = Buffer.from('%PDF-1.7\n1 0 obj << /ByteRange [0 10 99999999 10] /Contents <3082> >> endobj\n%%EOF');
    const cases = {
      unsigned,
      jpeg,
      empty: Buffer.alloc(0),
      truncated: signed.subarray(0, signed.length - 1000),
      absurd,
      placeholder: withContents(signed, '0'),
      notHex: withContents(signed, 'zz'),
    };
    for (const [name, pdf] of Object.entries(cases)) {
      expect({ name, inspection: inspectSignedPdf(pdf, [certificate.fingerprintSha256]) }).toEqual({ name, inspection: NOT_SIGNED });
    }
  });

  it('reports a signature whose /Contents is not CMS as signed but invalid', () => {
    expect(inspectSignedPdf(withContents(signed, 'ff'), [certificate.fingerprintSha256])).toEqual({
      ...NOT_SIGNED,
      signed: true,
      coversWholeFile: true,
    });
  });

  it('trusts only the listed certificates, in either fingerprint notation', () => {
    const colons = certificate.fingerprintSha256.toUpperCase().match(/../g)?.join(':') ?? '';

    expect(inspectSignedPdf(signed, [])).toMatchObject({ signatureValid: true, signedByPlatform: false, signerFingerprintSha256: certificate.fingerprintSha256 });
    expect(inspectSignedPdf(signed, ['00'.repeat(32)]).signedByPlatform).toBe(false);
    expect(inspectSignedPdf(signed, [colons]).signedByPlatform).toBe(true);
  });
});
