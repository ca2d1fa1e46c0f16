import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { AddressInfo, createServer } from 'node:net';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { PDFDocument } from 'pdf-lib';
import { FakeTsaServer } from '../../test/fake-tsa.server';
import { embeddedCms, pdfsig, preparedContract, renderPagePng, signatureImage, TestParties, testParties } from '../../test/pdf-tools';
import { attributeValues, OID, parseSignedData, sha256 } from './cms';
import { PreparedContract } from './contract-pdf';
import { handwritingAppearance } from './handwriting';
import { openP12 } from '../../certificates/p12';
import { FIELD_NAMES, invisibleWidget, SignatureMeta, SignatureWidget, signRevision, TimestampError, timestampDocument } from './pades-signer';
import { inspectSignatures } from './signed-pdf-verifier';

const SIGNING_TIME_ATTRIBUTE = '1.2.840.113549.1.9.5';

/** The seal helper's stand-in: a red ring filling the box. */
const redCircle: SignatureWidget['appearance'] = async (doc, width, height) =>
  doc.context.register(
    doc.context.stream(circleOperators(width / 2, height / 2, Math.min(width, height) / 2 - 4), { Type: 'XObject', Subtype: 'Form', BBox: [0, 0, width, height], Resources: {} }),
  );

/** A circle as four Bézier quarters, stroked red. */
function circleOperators(cx: number, cy: number, r: number): string {
  const k = 0.5523 * r;
  return [
    '0.85 0 0 RG 3 w',
    `${cx + r} ${cy} m`,
    `${cx + r} ${cy + k} ${cx + k} ${cy + r} ${cx} ${cy + r} c`,
    `${cx - k} ${cy + r} ${cx - r} ${cy + k} ${cx - r} ${cy} c`,
    `${cx - r} ${cy - k} ${cx - k} ${cy - r} ${cx} ${cy - r} c`,
    `${cx + k} ${cy - r} ${cx + r} ${cy - k} ${cx + r} ${cy} c`,
    'S',
  ].join('\n');
}

describe('two-party signing in incremental updates', () => {
  let parties: TestParties;
  let tsa: FakeTsaServer;
  let tsaUrl: string;
  let prepared: PreparedContract;
  let workerSigned: Buffer;
  let employerSigned: Buffer;
  let stamped: { pdf: Buffer; token: Buffer; genTime: Date };
  const meta = (name: string, role: SignatureMeta['role']): SignatureMeta => ({ reason: '劳动合同电子签署 SQ202612010042', name, location: '北京市', signingTime: new Date(), role });

  beforeAll(async () => {
    parties = testParties();
    tsa = new FakeTsaServer();
    tsaUrl = await tsa.start();
    ({ prepared } = await preparedContract(1, { parties }));
    const handwriting = handwritingAppearance(await signatureImage('张三丰'));
    workerSigned = await signRevision(prepared.pdf, parties.worker, meta('张三丰', 'worker'), { fieldName: FIELD_NAMES.worker, ...prepared.worker, appearance: handwriting });
    employerSigned = await signRevision(workerSigned, parties.employer, meta('闪签云示范科技有限公司', 'employer'), {
      fieldName: FIELD_NAMES.employer,
      ...prepared.employer,
      appearance: redCircle,
    });
    stamped = await timestampDocument(employerSigned, { url: tsaUrl, timeoutMs: 5000 });
  });

  afterAll(() => tsa.stop());
  afterEach(() => {
    tsa.mode = 'grant';
  });

  it('appends the worker and then the employer signature, each valid for its revision, the earlier bytes untouched', async () => {
    expect(workerSigned.subarray(0, prepared.pdf.length).equals(Buffer.from(prepared.pdf))).toBe(true);
    expect(employerSigned.subarray(0, workerSigned.length).equals(workerSigned)).toBe(true);

    const { valid, output } = await pdfsig(employerSigned);
    expect(valid).toBe(true);
    expect(output.match(/Signature Validation: Signature is Valid\./g)).toHaveLength(2);
    expect(output).toContain('Signer Certificate Common Name: 张三丰');
    expect(output).toContain('Signer Certificate Common Name: 闪签云示范科技有限公司北京分公司');
    expect(output.match(/Signature Type: ETSI\.CAdES\.detached/g)).toHaveLength(2);
    expect(output).toContain('Not total document signed');
    expect(output).toContain('Total document signed');
    expect((await PDFDocument.load(employerSigned)).getForm().getFields().map((field) => field.getName())).toEqual([FIELD_NAMES.worker, FIELD_NAMES.employer]);

    // PAdES baseline: ESS signing-certificate-v2 naming the signer, no signingTime, the CA in the chain.
    const { signerInfo, certificates } = parseSignedData(embeddedCms(employerSigned));
    const [essV2] = attributeValues(signerInfo.signedAttributes, OID.signingCertificateV2);
    expect(essV2.encoded.includes(sha256(parties.employer.certificate))).toBe(true);
    expect(attributeValues(signerInfo.signedAttributes, SIGNING_TIME_ATTRIBUTE)).toHaveLength(0);
    const hex = (ders: Buffer[]) => ders.map((der) => der.toString('hex')).sort();
    expect(hex(certificates)).toEqual(hex([parties.employer.certificate, parties.ca.raw]));
  });

  it('shows the handwriting and the seal in their boxes', async () => {
    const page = prepared.worker.pageIndex + 1;
    const [empty, withHandwriting, withSeal] = await Promise.all([prepared.pdf, workerSigned, employerSigned].map((pdf) => renderPagePng(pdf, page, 50)));
    expect(withHandwriting.stderr).toBe('');
    expect(withHandwriting.png.equals(empty.png)).toBe(false);
    expect(withSeal.png.equals(withHandwriting.png)).toBe(false);
  });

  it('adds an RFC 3161 document time stamp over the whole file, which openssl verifies', async () => {
    // pdfsig 22.12 lists a document time stamp without checking it ("not yet verified"): openssl does.
    const { output } = await pdfsig(stamped.pdf);
    expect(output.match(/Signature Validation: Signature is Valid\./g)).toHaveLength(2);
    expect(output).toContain('Signature Field Name: 文档时间戳');
    expect(output).toContain('Total document signed');
    const at = stamped.pdf.lastIndexOf('/ByteRange');
    const [, , firstLength, secondStart] = (/\[(\d+) (\d+) (\d+) (\d+)\]/.exec(stamped.pdf.toString('latin1', at, at + 80)) ?? []).map(Number);
    const data = Buffer.concat([stamped.pdf.subarray(0, firstLength), stamped.pdf.subarray(secondStart)]);
    expect(await opensslTsVerify(stamped.token, data, tsa.certificate.toString())).toContain('Verification: OK');

    const query = tsa.queries[tsa.queries.length - 1];
    expect(stamped.genTime).toEqual(query.genTime);
    expect(parseSignedData(stamped.token).contentType).toBe(OID.tstInfo);

    const signatures = await inspectSignatures(stamped.pdf);
    expect(signatures.map(({ fieldName, role, commonName, valid, coversRevision, coversWholeFile }) => ({ fieldName, role, commonName, valid, coversRevision, coversWholeFile }))).toEqual([
      { fieldName: FIELD_NAMES.worker, role: 'worker', commonName: '张三丰', valid: true, coversRevision: true, coversWholeFile: false },
      { fieldName: FIELD_NAMES.employer, role: 'employer', commonName: '闪签云示范科技有限公司北京分公司', valid: true, coversRevision: true, coversWholeFile: false },
      { fieldName: FIELD_NAMES.timestamp, role: 'timestamp', commonName: '闪签云 测试时间戳服务', valid: true, coversRevision: true, coversWholeFile: true },
    ]);
    expect(signatures[0].certificate).toEqual(parties.worker.certificate);
    expect(signatures[2].signingTime).toEqual(query.genTime);
    expect(signatures[0].signingTime?.getTime()).toBeGreaterThan(0);
  });

  it('is broken, every signature, by one byte changed in the first revision', async () => {
    const tampered = Buffer.from(stamped.pdf);
    // Inside the binary comment on line 2 of the header: still a well-formed PDF, just other bytes.
    tampered[11] ^= 0x01;

    const { valid, output } = await pdfsig(tampered);
    expect(valid).toBe(false);
    expect(output.match(/Signature Validation: Digest Mismatch\./g)).toHaveLength(2);
    expect((await inspectSignatures(tampered)).map((signature) => signature.valid)).toEqual([false, false, false]);
  });

  it.each([
    ['rejects the request', 'reject', /refused the request \(PKIStatus 2: rejected by the fake TSA\)/],
    ['answers HTTP 500', 'http-500', /HTTP 500/],
    ['never answers', 'hang', /could not be reached: no answer within 300 ms/],
    ['echoes another nonce', 'wrong-nonce', /nonce/],
  ] as const)('fails with TimestampError when the TSA %s', async (_, mode, message) => {
    tsa.mode = mode;
    const stamping = timestampDocument(employerSigned, { url: tsaUrl, timeoutMs: 300 });
    await expect(stamping).rejects.toBeInstanceOf(TimestampError);
    await expect(stamping).rejects.toThrow(message);
  });

  it('fails with TimestampError when the TSA cannot be reached at all', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const { port } = closed.address() as AddressInfo;
    await new Promise((resolve) => closed.close(resolve));
    const stamping = timestampDocument(employerSigned, { url: `http://127.0.0.1:${port}/tsa`, timeoutMs: 1000 });
    await expect(stamping).rejects.toBeInstanceOf(TimestampError);
    await expect(stamping).rejects.toThrow(/could not be reached: .*ECONNREFUSED/);
  });

  it('signs a contract on a 10-page template within a few subsets of the font', async () => {
    const { prepared: tenPages } = await preparedContract(10, { parties });
    const signed = await signRevision(tenPages.pdf, parties.worker, meta('张三丰', 'worker'), {
      fieldName: FIELD_NAMES.worker,
      ...tenPages.worker,
      appearance: handwritingAppearance(await signatureImage('张三丰')),
    });

    expect((await PDFDocument.load(signed)).getPageCount()).toBe((await PDFDocument.load(tenPages.pdf)).getPageCount());
    expect((await pdfsig(signed)).valid).toBe(true);
    // The Chinese font goes in as subsets (tens of KB); the whole font would be 7 MB.
    expect(signed.length).toBeLessThan(600_000);
  });
});

/** `openssl ts -verify` of `token` over `data`, trusting `caPem`; answers its output. */
async function opensslTsVerify(token: Buffer, data: Buffer, caPem: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'ts-verify-'));
  try {
    const [tokenFile, dataFile, caFile] = ['token.der', 'data.bin', 'ca.pem'].map((name) => join(dir, name));
    await Promise.all([writeFile(tokenFile, token), writeFile(dataFile, data), writeFile(caFile, caPem)]);
    const { stdout } = await promisify(execFile)('openssl', ['ts', '-verify', '-in', tokenFile, '-token_in', '-data', dataFile, '-CAfile', caFile]);
    return stdout;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

describe('signRevision with a key from elsewhere', () => {
  it('signs with an ECDSA key from a PKCS#12 file made by OpenSSL (a company certificate from a licensed CA may be one)', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'pades-'));
    try {
      const run = promisify(execFile);
      const [key, crt, p12] = ['ec.key', 'ec.crt', 'ec.p12'].map((name) => join(dir, name));
      await run('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-keyout', key, '-out', crt, '-days', '2', '-subj', '/CN=EC signer']);
      await run('openssl', ['pkcs12', '-export', '-inkey', key, '-in', crt, '-out', p12, '-passout', 'pass:secret']);
      const { privateKey, certificate, chain } = openP12(await readFile(p12), 'secret');
      const signer = { privateKey, certificate: certificate.raw, chain: chain.map((cert) => cert.raw) };

      const signed = await signRevision((await preparedContract(1)).prepared.pdf, signer, { reason: '测试', name: 'EC signer', signingTime: new Date(), role: 'employer' }, invisibleWidget('测试', -1));
      expect((await pdfsig(signed)).valid).toBe(true);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
