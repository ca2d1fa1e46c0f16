import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { AddressInfo, createServer } from 'node:net';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { PDFDocument } from 'pdf-lib';
import { FakeTsaServer } from '../../test/fake-tsa.server';
import { embeddedCms, pdfsig, stampedContract } from '../../test/pdf-tools';
import { attributeValues, OID, parseSignedData, sha256 } from './cms';
import { PadesSigner, SignatureMeta, TimestampError } from './pades-signer';
import { ensureLocalCertificate, PlatformCertificate } from './platform-certificate';
import { inspectSignedPdf } from './signed-pdf-verifier';

const SIGNING_TIME_ATTRIBUTE = '1.2.840.113549.1.9.5';

describe('PadesSigner', () => {
  let dir: string;
  let certificate: PlatformCertificate;
  let tsa: FakeTsaServer;
  let tsaUrl: string;
  let stamped: Uint8Array;
  const meta = (): SignatureMeta => ({ reason: '劳动合同电子签署 SQ202612010042', name: '张三丰', location: '北京市', signingTime: new Date() });
  const signer = (options: { tsa?: boolean; tsaUrl?: string; tsaTimeoutMs?: number } = {}) =>
    new PadesSigner({
      p12: certificate.p12,
      password: certificate.password,
      tsaUrl: options.tsaUrl ?? (options.tsa ? tsaUrl : null),
      tsaTimeoutMs: options.tsaTimeoutMs,
    });

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'pades-'));
    certificate = await ensureLocalCertificate(dir);
    tsa = new FakeTsaServer();
    tsaUrl = await tsa.start();
    ({ stamped } = await stampedContract(1));
  });

  afterAll(async () => {
    await tsa.stop();
    await rm(dir, { recursive: true, force: true });
  });

  afterEach(() => {
    tsa.mode = 'grant';
  });

  it('seals the contract with a PAdES baseline signature that pdfsig accepts', async () => {
    const signed = await signer().sign(stamped, meta());

    const { valid, output } = await pdfsig(signed);
    expect(valid).toBe(true);
    expect(output).toContain('Signature Type: ETSI.CAdES.detached');
    expect(output).toContain('Signing Hash Algorithm: SHA-256');
    expect(output).toContain('Total document signed');
    expect(output).toContain('Signer Certificate Common Name: 闪签云 本地开发签名证书');
    expect(inspectSignedPdf(signed, [certificate.fingerprintSha256])).toEqual({
      signed: true,
      coversWholeFile: true,
      signatureValid: true,
      signerFingerprintSha256: certificate.fingerprintSha256,
      signedByPlatform: true,
      timestamp: null,
    });

    // PAdES baseline: ESS signing-certificate-v2 naming our certificate, and no signingTime.
    const { signerInfo, certificates } = parseSignedData(embeddedCms(signed));
    const [essV2] = attributeValues(signerInfo.signedAttributes, OID.signingCertificateV2);
    expect(essV2.encoded.includes(sha256(certificates[0]))).toBe(true);
    expect(attributeValues(signerInfo.signedAttributes, SIGNING_TIME_ATTRIBUTE)).toHaveLength(0);
    expect(signerInfo.unsignedAttributes).toBeNull();
  });

  it('embeds an RFC 3161 time stamp over the signature value when a TSA is set', async () => {
    const signed = await signer({ tsa: true }).sign(stamped, meta());

    const { valid, output } = await pdfsig(signed);
    expect(valid).toBe(true);
    const query = tsa.queries[tsa.queries.length - 1];
    const request = tsa.requests[tsa.requests.length - 1];
    expect(request.headers['content-type']).toBe('application/timestamp-query');
    expect(query).toMatchObject({ hashAlgorithm: OID.sha256, certReq: true });
    expect(query.nonce).not.toBeNull();
    const { signerInfo } = parseSignedData(embeddedCms(signed));
    expect(query.hashedMessage.equals(sha256(signerInfo.signature))).toBe(true);
    expect(attributeValues(signerInfo.unsignedAttributes, OID.signatureTimeStampToken)).toHaveLength(1);
    const inspection = inspectSignedPdf(signed, [certificate.fingerprintSha256]);
    expect(inspection.timestamp).toEqual(query.genTime);
    expect(inspection.signedByPlatform).toBe(true);
    // pdfsig 22.12 shows the /M time only; the token is checked above.
    expect(output).toContain('Signing Time:');
  });

  it('is broken by a single byte changed inside the signed range', async () => {
    const signed = await signer({ tsa: true }).sign(stamped, meta());
    const tampered = Buffer.from(signed);
    // Inside the binary comment on line 2 of the header: still a well-formed PDF, just other bytes.
    tampered[11] ^= 0x01;

    const { valid, output } = await pdfsig(tampered);
    expect(valid).toBe(false);
    expect(output).toContain('Signature Validation: Digest Mismatch.');
    expect(inspectSignedPdf(tampered, [certificate.fingerprintSha256])).toMatchObject({
      signed: true,
      coversWholeFile: true,
      signatureValid: false,
      signedByPlatform: false,
      timestamp: null,
    });
  });

  it('does not cover bytes appended after signing', async () => {
    const signed = await signer().sign(stamped, meta());
    const appended = Buffer.concat([signed, Buffer.from('\n% a later addition\n')]);

    const { output } = await pdfsig(appended);
    expect(output).toContain('Not total document signed');
    expect(inspectSignedPdf(appended, [certificate.fingerprintSha256])).toMatchObject({ signed: true, coversWholeFile: false, signatureValid: true });
  });

  it.each([
    ['rejects the request', 'reject', /refused the request \(PKIStatus 2: rejected by the fake TSA\)/],
    ['answers HTTP 500', 'http-500', /HTTP 500/],
    ['never answers', 'hang', /could not be reached: no answer within 300 ms/],
    ['echoes another nonce', 'wrong-nonce', /nonce/],
  ] as const)('fails with TimestampError when the TSA %s', async (_, mode, message) => {
    tsa.mode = mode;
    const signing = signer({ tsa: true, tsaTimeoutMs: 300 }).sign(stamped, meta());
    await expect(signing).rejects.toBeInstanceOf(TimestampError);
    await expect(signing).rejects.toThrow(message);
  });

  it('fails with TimestampError when the TSA cannot be reached at all', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const { port } = closed.address() as AddressInfo;
    await new Promise((resolve) => closed.close(resolve));
    const signing = signer({ tsaUrl: `http://127.0.0.1:${port}/tsa`, tsaTimeoutMs: 1000 }).sign(stamped, meta());
    await expect(signing).rejects.toBeInstanceOf(TimestampError);
    await expect(signing).rejects.toThrow(/could not be reached: .*ECONNREFUSED/);
  });

  it('seals a contract on a 10-page template', async () => {
    const { stamped: tenPages } = await stampedContract(10);
    const signed = await signer({ tsa: true }).sign(tenPages, meta());

    expect((await PDFDocument.load(signed)).getPageCount()).toBe(12);
    expect((await pdfsig(signed)).valid).toBe(true);
    expect(inspectSignedPdf(signed, [certificate.fingerprintSha256]).signedByPlatform).toBe(true);
    // The Chinese font goes in as subsets (tens of KB); the whole font would be 7 MB.
    expect(signed.length).toBeLessThan(600_000);
  });

  it('signs with an ECDSA key from a PKCS#12 file made by OpenSSL', async () => {
    const run = promisify(execFile);
    const key = join(dir, 'ec.key');
    const crt = join(dir, 'ec.crt');
    const p12 = join(dir, 'ec.p12');
    await run('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-keyout', key, '-out', crt, '-days', '2', '-subj', '/CN=EC signer']);
    await run('openssl', ['pkcs12', '-export', '-inkey', key, '-in', crt, '-out', p12, '-passout', 'pass:secret']);
    const ecSigner = new PadesSigner({ p12: await readFile(p12), password: 'secret' });

    const signed = await ecSigner.sign(stamped, meta());
    expect((await pdfsig(signed)).valid).toBe(true);
    expect(inspectSignedPdf(signed, [ecSigner.fingerprintSha256])).toMatchObject({ signatureValid: true, signedByPlatform: true });
  });

  it('refuses a PKCS#12 with a wrong password when constructed', () => {
    expect(() => new PadesSigner({ p12: certificate.p12, password: 'wrong' })).toThrow(/wrong password/);
  });
});
