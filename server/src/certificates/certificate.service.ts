import { createPrivateKey, KeyObject, X509Certificate } from 'node:crypto';
import { Inject, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { type CompanyCertificates, ErrorCode } from '@shanqian/shared';
import { AdminPrincipal } from '../admin/admin-route.decorator';
import { AuditLogService } from '../admin/audit-log.service';
import { CatalogRepository } from '../catalog/catalog.repository';
import { AppException } from '../common/app.exception';
import { Clock, CLOCK } from '../common/clock';
import { SecretsService, sha256Hex } from '../common/crypto/secrets.service';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { isUniqueViolation } from '../database/query-errors';
import { TransactionRunner } from '../database/transaction-runner';
import type { CmsSigner } from '../sign/pdf/cms';
import { CertificateAuthority, generateLeafKey, NameAttribute, signsDocuments } from './certificate-authority';
import { CertificateSource, CompanyCertificate, EVERY_CONTRACT_BODY } from './company-certificate.entity';
import { CompanyCertificateRepository } from './company-certificate.repository';
import { openP12, P12Contents, P12Error } from './p12';

/** A key ready to sign (CMS) and its certificates. */
export interface IssuedSigner {
  signer: CmsSigner;
  certificate: X509Certificate;
  /** The issuers, up to the root. */
  chain: X509Certificate[];
}

const DAY_MS = 24 * 3600_000;
const COMPANY_VALIDITY_MS = 365 * DAY_MS;
/** A generated company certificate is replaced when less than this is left at the time of use. */
const RENEW_BEFORE_MS = 30 * DAY_MS;
const EVENT_VALIDITY_MS = 3 * DAY_MS;
/** notBefore this far in the past: a verifier whose clock lags must not see a certificate "not yet valid". */
const CLOCK_SKEW_MS = 5 * 60_000;
const EVENT_ORGANIZATION = '闪签云 事件证书';
const UPLOAD_MAX_BYTES = 64 * 1024;

const PROBLEM_CODES: Record<P12Error['problem'], ErrorCode> = {
  format: ErrorCode.CertificateFileInvalid,
  password: ErrorCode.CertificatePasswordWrong,
  'no-key': ErrorCode.CertificateKeyMissing,
};

const oneLine = (name: string): string => name.split('\n').join(', ');
const pems = (certificates: X509Certificate[]): string => certificates.map((certificate) => certificate.toString()).join('');
const fromPems = (text: string | null): X509Certificate[] =>
  (text?.match(/-----BEGIN CERTIFICATE-----[^-]+-----END CERTIFICATE-----/g) ?? []).map((pem) => new X509Certificate(pem));
const signerOf = (privateKey: KeyObject, certificate: X509Certificate, chain: X509Certificate[]): IssuedSigner => ({
  signer: { privateKey, certificate: certificate.raw, chain: chain.map((issuer) => issuer.raw) },
  certificate,
  chain,
});

/**
 * The certificates contracts are signed with, all under the platform's CA: each company's (one per
 * contracting entity, issued and renewed on demand, or a licensed CA's uploaded for the company),
 * and a worker's event certificate, issued for one signing, its key never kept.
 */
@Injectable()
export class CertificateService implements OnModuleInit {
  private readonly logger = new Logger(CertificateService.name);
  private ca!: CertificateAuthority;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly secrets: SecretsService,
    private readonly certificates: CompanyCertificateRepository,
    private readonly catalog: CatalogRepository,
    private readonly transactions: TransactionRunner,
    private readonly audit: AuditLogService,
  ) {}

  /** Loads the CA at start-up, so a wrong, expired or non-CA P12 stops the server before it listens. */
  async onModuleInit(): Promise<void> {
    this.ca = await CertificateAuthority.load(this.config.certificateAuthority, this.config.dataDir, new Date(this.clock.now()));
    if (this.ca.generated) this.logger.warn(`issuing certificates under a generated local CA (${oneLine(this.ca.certificate.subject)}): set SIGN_CA_P12_PATH for real contracts`);
  }

  caChain(): X509Certificate[] {
    return this.ca.chain();
  }

  /**
   * The company's signer for a contract of `contractBody`: its uploaded certificate if it has one
   * (refused with a 409 once expired or unreadable), else the platform-issued one for that
   * contracting entity, issued on first use and renewed when less than 30 days are left.
   */
  async companySigner(company: { id: number; companyName: string }, contractBody: string): Promise<IssuedSigner> {
    const now = this.clock.now();
    const uploaded = await this.certificates.active(company.id, EVERY_CONTRACT_BODY);
    if (uploaded) return this.openUploaded(uploaded, now);
    const current = await this.certificates.active(company.id, contractBody);
    const usable = current && this.openGenerated(current, now);
    if (usable) return usable;
    const issued = await this.issueCompanyCertificate(company, contractBody, current, now);
    // Null: another request issued or renewed it meanwhile; theirs is fresh, so this ends there.
    return issued ?? this.companySigner(company, contractBody);
  }

  /** A certificate for one signing by the worker: CN their verified name, serialNumber a keyed hash of their ID number. */
  async issueEventCertificate(worker: { name: string; idNumber: string }): Promise<IssuedSigner> {
    const now = this.clock.now();
    const key = await generateLeafKey();
    const certificate = await this.ca.issue({
      subject: [
        { type: 'CN', value: worker.name },
        // The blind index the employee table already keeps: the platform can find the worker, nobody else can reverse it.
        { type: 'serialNumber', value: this.secrets.mac('id-number-lookup', worker.idNumber) },
        { type: 'O', value: EVENT_ORGANIZATION },
      ],
      publicKey: key.publicKey,
      notBefore: new Date(now - CLOCK_SKEW_MS),
      notAfter: new Date(now + EVENT_VALIDITY_MS),
    });
    return signerOf(key.privateKey, certificate, this.ca.chain());
  }

  /** Whether this platform vouches for the certificate: issued by its CA (the signature checked), or one of the stored company certificates. */
  async isPlatformTrusted(certificateDer: Buffer): Promise<boolean> {
    let certificate: X509Certificate;
    try {
      certificate = new X509Certificate(certificateDer);
    } catch {
      return false;
    }
    return this.ca.issued(certificate) || this.certificates.existsWithFingerprint(sha256Hex(certificate.raw));
  }

  async companyCertificateInfo(companyId: number): Promise<CompanyCertificates> {
    await this.company(companyId);
    const rows = await this.certificates.allActive(companyId);
    const uploaded = rows.some((row) => row.source === 'uploaded');
    return {
      company_id: companyId,
      certificates: rows.map((row) => {
        const certificate = new X509Certificate(row.certificatePem);
        return {
          id: row.id,
          source: row.source,
          contract_body: row.contractBody,
          in_use: row.source === 'uploaded' || !uploaded,
          subject: oneLine(certificate.subject),
          issuer: oneLine(certificate.issuer),
          serial: row.serial,
          fingerprint_sha256: row.fingerprintSha256,
          not_before: row.notBefore.toISOString(),
          not_after: row.notAfter.toISOString(),
        };
      }),
    };
  }

  /**
   * PUT /admin/companies/:id/certificate: a licensed CA's P12 for the company, checked (a key and
   * its certificate, valid now, for signatures, not a CA), stored encrypted; it replaces any
   * earlier upload and signs for every contracting entity. Nothing is written if a check fails.
   */
  async upload(companyId: number, file: Buffer, password: string, admin: AdminPrincipal, ip: string): Promise<CompanyCertificates> {
    await this.company(companyId);
    if (file.length > UPLOAD_MAX_BYTES) throw new AppException(ErrorCode.UploadTooLarge, '证书文件过大，不能超过 64 KB');
    const contents = this.checkUpload(file, password);
    const row = this.row(companyId, 'uploaded', null, EVERY_CONTRACT_BODY, contents.certificate, contents.privateKey, contents.chain);
    await this.transactions.run(async (manager) => {
      const previous = await this.certificates.active(companyId, EVERY_CONTRACT_BODY);
      if (previous) await this.certificates.deactivate(previous.id, manager);
      const stored = await this.certificates.insert(row, manager);
      await this.audit.record(admin, ip, {
        action: 'company.certificate.upload',
        targetType: 'company',
        targetId: companyId,
        detail: { certificate_id: stored.id, subject: oneLine(contents.certificate.subject), issuer: oneLine(contents.certificate.issuer), serial: row.serial, fingerprint_sha256: row.fingerprintSha256, replaced: previous?.id ?? null },
      }, manager);
    }).catch((error: unknown) => {
      // Two uploads at once: the unique active_for lets one become the company's certificate, the other is told.
      if (isUniqueViolation(error)) throw new AppException(ErrorCode.RecordDuplicate, '该用人单位的证书刚被另一次上传替换，请刷新后确认是否需要重新上传');
      throw error;
    });
    return this.companyCertificateInfo(companyId);
  }

  /** DELETE /admin/companies/:id/certificate: back to the platform-issued certificates (the uploaded row is kept, inactive). */
  async removeUpload(companyId: number, admin: AdminPrincipal, ip: string): Promise<CompanyCertificates> {
    await this.company(companyId);
    await this.transactions.run(async (manager) => {
      const uploaded = await this.certificates.active(companyId, EVERY_CONTRACT_BODY);
      if (!uploaded || !(await this.certificates.deactivate(uploaded.id, manager))) throw new AppException(ErrorCode.RecordNotFound, '该用人单位没有上传的签名证书');
      await this.audit.record(admin, ip, {
        action: 'company.certificate.remove',
        targetType: 'company',
        targetId: companyId,
        detail: { certificate_id: uploaded.id, serial: uploaded.serial, fingerprint_sha256: uploaded.fingerprintSha256 },
      }, manager);
    });
    return this.companyCertificateInfo(companyId);
  }

  private async company(id: number): Promise<void> {
    if (!(await this.catalog.company(id))) throw new AppException(ErrorCode.RecordNotFound, '用人单位不存在');
  }

  private checkUpload(file: Buffer, password: string): P12Contents {
    let contents: P12Contents;
    try {
      contents = openP12(file, password);
    } catch (error) {
      if (error instanceof P12Error) throw new AppException(PROBLEM_CODES[error.problem]);
      throw error;
    }
    const { certificate } = contents;
    const now = this.clock.now();
    if (Date.parse(certificate.validTo) <= now || Date.parse(certificate.validFrom) > now) {
      throw new AppException(ErrorCode.CertificateNotValidNow, `证书有效期为 ${certificate.validFrom} 至 ${certificate.validTo}，当前不在有效期内`);
    }
    if (certificate.ca || !signsDocuments(certificate)) throw new AppException(ErrorCode.CertificateNotForSigning);
    return contents;
  }

  private openUploaded(row: CompanyCertificate, now: number): IssuedSigner {
    if (row.notAfter.getTime() <= now) {
      throw new AppException(ErrorCode.CompanyCertificateExpired, `该用人单位上传的签名证书已于 ${row.notAfter.toISOString()} 过期，请上传新证书或删除它改用平台签发的证书`);
    }
    const signer = this.open(row, fromPems(row.chainPem));
    if (!signer) throw new AppException(ErrorCode.CompanyCertificateUnreadable);
    return signer;
  }

  /** The generated certificate if it may still sign: readable, issued by the CA in use, with 30 days or more left. */
  private openGenerated(row: CompanyCertificate, now: number): IssuedSigner | null {
    if (row.notAfter.getTime() - now < RENEW_BEFORE_MS) return null;
    const signer = this.open(row, this.ca.chain());
    return signer && this.ca.issued(signer.certificate) ? signer : null;
  }

  /** Null when the key cannot be decrypted (DATA_KEY changed, row corrupted) or is not the certificate's. */
  private open(row: CompanyCertificate, chain: X509Certificate[]): IssuedSigner | null {
    try {
      const certificate = new X509Certificate(row.certificatePem);
      const privateKey = createPrivateKey(this.secrets.decrypt(row.privateKeyEnc));
      if (!certificate.checkPrivateKey(privateKey)) throw new Error('the key is not the certificate\'s');
      return signerOf(privateKey, certificate, chain);
    } catch (error) {
      this.logger.error(`company certificate ${row.id} (company ${row.companyId}) cannot be opened: ${(error as Error).message}`);
      return null;
    }
  }

  /** Issues the certificate and makes it the active one; null if another request got there first. */
  private async issueCompanyCertificate(
    company: { id: number; companyName: string },
    contractBody: string,
    replacing: CompanyCertificate | null,
    now: number,
  ): Promise<IssuedSigner | null> {
    const key = await generateLeafKey();
    const subject: NameAttribute[] = [{ type: 'CN', value: contractBody }, { type: 'O', value: company.companyName }];
    const certificate = await this.ca.issue({ subject, publicKey: key.publicKey, notBefore: new Date(now - CLOCK_SKEW_MS), notAfter: new Date(now + COMPANY_VALIDITY_MS) });
    const row = this.row(company.id, 'generated', contractBody, contractBody, certificate, key.privateKey, []);
    try {
      const stored = await this.transactions.run(async (manager) => {
        if (replacing && !(await this.certificates.deactivate(replacing.id, manager))) return null;
        return this.certificates.insert(row, manager);
      });
      if (!stored) return null;
    } catch (error) {
      if (isUniqueViolation(error)) return null;
      throw error;
    }
    this.logger.log(`issued company certificate ${row.serial} for company ${company.id} (${contractBody})${replacing ? `, replacing ${replacing.serial}` : ''}`);
    return signerOf(key.privateKey, certificate, this.ca.chain());
  }

  private row(
    companyId: number,
    source: CertificateSource,
    contractBody: string | null,
    activeFor: string,
    certificate: X509Certificate,
    privateKey: KeyObject,
    chain: X509Certificate[],
  ): Omit<CompanyCertificate, 'id' | 'createdAt' | 'updatedAt'> {
    return {
      companyId,
      contractBody,
      activeFor,
      source,
      serial: certificate.serialNumber.toLowerCase(),
      fingerprintSha256: sha256Hex(certificate.raw),
      certificatePem: certificate.toString(),
      chainPem: chain.length ? pems(chain) : null,
      privateKeyEnc: this.secrets.encrypt(privateKey.export({ type: 'pkcs8', format: 'pem' }).toString()),
      notBefore: new Date(certificate.validFrom),
      notAfter: new Date(certificate.validTo),
    };
  }
}
