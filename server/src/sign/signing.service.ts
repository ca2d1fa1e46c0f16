import { Inject, Injectable, Logger } from '@nestjs/common';
import { ContractPreviewResponse, DocumentSignatureCheck, DocumentVerificationResponse, ErrorCode, SignApplicationStatus, SignedDocumentResponse, SignedDocumentView, VerifyStatus } from '@shanqian/shared';
import { STATUS_LABELS, transitionRefused } from '../applications/application-status';
import { ApplicationActor, ApplicationsService } from '../applications/applications.service';
import { SignApplicationEventType } from '../applications/sign-application-event.entity';
import { SignApplication } from '../applications/sign-application.entity';
import { WechatUser } from '../auth/wechat-user.entity';
import { WechatUserRepository } from '../auth/wechat-user.repository';
import { CertificateService, IssuedSigner } from '../certificates/certificate.service';
import { AppException } from '../common/app.exception';
import { Clock, CLOCK } from '../common/clock';
import { sha256Hex } from '../common/crypto/secrets.service';
import { maskIdNumber } from '../common/mask';
import { origin, RequestContext } from '../common/request-context';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { isUniqueViolation } from '../database/query-errors';
import { Employee } from '../employee/employee.entity';
import { EmployeeService } from '../employee/employee.service';
import { MetricsService } from '../metrics/metrics.service';
import { FILE_LINK_TTL_SECONDS, UploadService } from '../upload/upload.service';
import { SmsCodeService } from '../verification/sms-code.service';
import { applicationNo } from './application-no';
import { ContractDocument } from './contract-document.entity';
import { ContractDocumentRepository } from './contract-document.repository';
import { Contract } from '../admin/contracts/contract.entity';
import { SealService } from '../seals/seal.service';
import { EvidenceService } from './evidence/evidence.service';
import { AuditTrail, certificateSummary, ContractTerms, prepareForSigning, renderContractForSigning } from './pdf/contract-pdf';
import { TimestampError } from './pdf/pades-signer';
import { inspectSignatures } from './pdf/signed-pdf-verifier';
import { signBothParties, SigningParties } from './two-party-signing';

/** How the audit page names each event of the evidence chain. */
const EVENT_LABELS: Partial<Record<SignApplicationEventType, string>> = {
  applied: '提交签约申请',
  resubmitted: '重新提交签约申请',
  approved: '审核通过（合同、薪资、入职日期）',
  realname_passed: '实名认证通过',
  contract_viewed: '查看合同',
  intent_confirmed: '意愿确认（短信验证码）',
  signed: '签署合同',
};

/** The last day of a term of `years` starting on `entryDate` (YYYY-MM-DD). */
export function termEndDate(entryDate: string, years: number): string {
  const [y, m, d] = entryDate.split('-').map(Number);
  const end = new Date(Date.UTC(y + years, m - 1, d) - 24 * 3600 * 1000);
  return end.toISOString().slice(0, 10);
}

interface SigningContext {
  application: SignApplication;
  employee: Employee;
  user: WechatUser;
}

/**
 * The worker's side of the contract: the filled document to review (rendered once per approval and
 * stored, so the file signed is the file shown), the signing itself (handwriting, SMS intent code,
 * audit page, the worker's and the employer's PAdES signatures, an optional RFC 3161 document time
 * stamp), the signed file, and the public check of a file someone presents as signed here.
 */
@Injectable()
export class SigningService {
  private readonly logger = new Logger(SigningService.name);

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly applications: ApplicationsService,
    private readonly employees: EmployeeService,
    private readonly users: WechatUserRepository,
    private readonly documents: ContractDocumentRepository,
    private readonly uploads: UploadService,
    private readonly smsCodes: SmsCodeService,
    private readonly metrics: MetricsService,
    private readonly certificates: CertificateService,
    private readonly seals: SealService,
    private readonly evidence: EvidenceService,
  ) {}

  /** GET /sign/contract */
  async preview(userId: number, baseUrl: string, context: RequestContext): Promise<ContractPreviewResponse> {
    const signing = await this.load(userId);
    if (signing.application.status !== SignApplicationStatus.PendingSignature) throw transitionRefused('sign', signing.application.status);
    const { document, terms } = await this.ensureDocument(signing);
    await this.applications.note(signing.application, 'contract_viewed', this.actor(signing, context), { filled_sha256: document.filledSha256 });
    return {
      application_id: signing.application.id,
      application_no: terms.applicationNo,
      preview_url: this.uploads.signedUrl(document.filledKey, baseUrl),
      expires_in: FILE_LINK_TTL_SECONDS,
      filled_sha256: document.filledSha256,
      terms: {
        contract_name: terms.contractName, company_name: terms.companyName, contract_body: terms.contractBody, worker_name: terms.workerName,
        id_number_masked: terms.idNumberMasked, phone: terms.phone, position: terms.position, salary: terms.salary, entry_date: terms.entryDate,
        term_years: terms.termYears, end_date: terms.endDate,
      },
    };
  }

  /**
   * POST /sign. Idempotent: once signed, every retry answers the same document. What can be refused
   * without the worker's code (the employer's authorization to seal, its certificate) is checked
   * before the code is taken; the code is given back if the signing fails after (a time stamp
   * authority down, HR cancelling meanwhile), so only a contract both parties signed uses it up.
   */
  async sign(userId: number, signaturePng: Buffer, verifyCode: string, baseUrl: string, context: RequestContext): Promise<SignedDocumentResponse> {
    const signing = await this.load(userId);
    if (signing.application.status === SignApplicationStatus.Signed) return this.document(userId, baseUrl);
    if (signing.application.status !== SignApplicationStatus.PendingSignature) throw transitionRefused('sign', signing.application.status);
    if (signing.user.verifyStatus !== VerifyStatus.Passed) throw new AppException(ErrorCode.SignNotReady, '请先完成实名认证再签署合同');
    const { document, terms } = await this.ensureDocument(signing);
    const parties = await this.parties(signing);
    await this.smsCodes.spend(signing.employee.phone, verifyCode, () => this.metrics.timeSigning(() => this.seal(signing, document, terms, parties, signaturePng, context)));
    return this.document(userId, baseUrl);
  }

  /** The employer's authorization, seal and certificate, and the worker's event certificate for this signing. */
  private async parties({ application, employee }: SigningContext): Promise<SigningParties> {
    const company = application.company!;
    const seal = await this.seals.artworkToSeal(company);
    const employer = await this.certificates.companySigner(company, application.contract!.contractBody);
    const worker = await this.certificates.issueEventCertificate({ name: employee.realName, idNumber: this.employees.idNumberOf(employee) });
    return { worker, employer, seal };
  }

  private async seal(signing: SigningContext, document: ContractDocument, terms: ContractTerms, parties: SigningParties, signaturePng: Buffer, context: RequestContext): Promise<void> {
    const signedAt = new Date(this.clock.now());
    const audit = await this.auditTrail(signing, terms, document, parties, [
      { label: EVENT_LABELS.intent_confirmed!, at: signedAt, ...this.where(context) },
      { label: EVENT_LABELS.signed!, at: signedAt, ...this.where(context) },
    ]);
    const { tsaUrl, tsaTimeoutMs } = this.config.signing;
    let signed: Awaited<ReturnType<typeof signBothParties>>;
    try {
      const prepared = await prepareForSigning(await this.uploads.read(document.filledKey), { signedAt, audit });
      signed = await signBothParties(prepared, {
        parties, signaturePng, signedAt, applicationNo: terms.applicationNo, workerName: terms.workerName, contractBody: terms.contractBody,
        location: context.city ?? undefined, tsa: tsaUrl ? { url: tsaUrl, timeoutMs: tsaTimeoutMs } : null,
      });
    } catch (error) {
      if (error instanceof TimestampError) {
        this.logger.error(`time stamp failed for application ${signing.application.id}: ${error.message}`);
        throw new AppException(ErrorCode.SigningServiceUnavailable, '可信时间戳服务暂时不可用，合同未签署，请稍后重新签署');
      }
      throw error;
    }
    // Stored only once both parties signed, and removed again if the transition is refused (HR cancelled meanwhile).
    const files = [
      { bytes: signaturePng, mime: 'image/png', ownerUserId: signing.user.id },
      { bytes: signed.pdf, mime: 'application/pdf', ownerUserId: signing.user.id },
    ];
    await this.uploads.storeThen(files, ([signature, stored]) =>
      this.applications.transition(signing.application, 'sign', this.actor(signing, context), {
        detail: { sha256: stored.sha256 },
        before: [{ event: 'intent_confirmed', detail: { phone: signing.employee.phone } }],
        within: (manager) =>
          this.documents.update(document.id, {
            signedKey: stored.storageKey, signedSha256: stored.sha256, signedAt, signatureUploadId: signature.id,
            workerCertPem: parties.worker.certificate.toString(),
            employerCertPem: parties.employer.certificate.toString(),
            caChainPem: issuersPem(parties.worker, parties.employer),
            eventChainHead: audit.eventChainHead,
            timestampAt: signed.timestamp?.genTime ?? null,
            timestampToken: signed.timestamp?.token.toString('base64') ?? null,
          }, manager),
      }),
    );
  }

  /** GET /sign/document: the worker's signed contract, always free to view and download. */
  async document(userId: number, baseUrl: string): Promise<SignedDocumentResponse> {
    const signing = await this.load(userId);
    const document = await this.documents.findByApplication(signing.application.id);
    if (!document?.signedKey || !document.signedSha256 || !document.signedAt) throw new AppException(ErrorCode.SignDocumentNotFound);
    return {
      application_id: signing.application.id,
      application_no: applicationNo(signing.application.id),
      url: this.uploads.signedUrl(document.signedKey, baseUrl),
      expires_in: FILE_LINK_TTL_SECONDS,
      sha256: document.signedSha256,
      signed_at: document.signedAt.toISOString(),
      timestamp_at: document.timestampAt?.toISOString() ?? null,
    };
  }

  /** GET /sign/evidence: the worker's evidence package of their signed contract, free like the contract itself. */
  async evidencePackage(userId: number): Promise<{ filename: string; zip: Buffer }> {
    return this.evidence.packageFor((await this.load(userId)).application);
  }

  /**
   * POST /verify/document: is this file a contract signed here, unchanged, and who signed it? Each
   * signature is reported as found; the file counts as signed by the platform's parties only when
   * the worker's and the employer's signatures both verify with certificates the platform issued
   * or holds, every signature covers its revision and nothing follows the last one.
   */
  async verify(file: Express.Multer.File | undefined): Promise<DocumentVerificationResponse> {
    if (!file?.buffer?.length) throw new AppException(ErrorCode.UploadMissing);
    const known = await this.documents.findBySignedSha256(sha256Hex(file.buffer));
    const inspections = await inspectSignatures(file.buffer);
    const signatures: DocumentSignatureCheck[] = [];
    for (const inspection of inspections) {
      const party = inspection.role === 'worker' || inspection.role === 'employer';
      signatures.push({
        role: inspection.role,
        signer: inspection.commonName,
        signed_at: inspection.signingTime?.toISOString() ?? null,
        valid: inspection.valid,
        covers_revision: inspection.coversRevision,
        covers_whole_file: inspection.coversWholeFile,
        issued_by_platform: party && inspection.valid && !!inspection.certificate && (await this.certificates.isPlatformTrusted(inspection.certificate)),
        certificate_sha256: inspection.certificateSha256,
      });
    }
    const last = signatures[signatures.length - 1];
    const intact = !!last?.covers_whole_file && signatures.every((s) => s.valid && s.covers_revision);
    const byParties = intact && (['worker', 'employer'] as const).every((role) => signatures.some((s) => s.role === role && s.issued_by_platform));
    const worker = signatures.find((s) => s.role === 'worker');
    const timestamp = inspections.find((s) => s.role === 'timestamp' && s.valid);
    return {
      genuine: !!known,
      signed: signatures.length > 0,
      signed_by_platform: byParties,
      unmodified: !!known || byParties,
      application_no: known ? applicationNo(known.applicationId) : null,
      signed_at: known?.signedAt?.toISOString() ?? (byParties ? (worker?.signed_at ?? null) : null),
      timestamp_at: (known?.timestampAt ?? (byParties ? timestamp?.timestampTime : null))?.toISOString() ?? null,
      signatures,
    };
  }

  /**
   * The filled contract of an application waiting for its worker's signature, as HR checks it
   * (GET /admin/applications/:id/contract-preview): the very file the worker reviews and signs,
   * rendered and stored on the first look, whoever looks first. Viewing it is no event of the
   * worker's, so nothing is noted in the application's history.
   */
  async filledContractOf(application: SignApplication): Promise<{ filename: string; pdf: Buffer }> {
    if (application.status !== SignApplicationStatus.PendingSignature) {
      const hint = application.status === SignApplicationStatus.Signed ? '请查看已签署的合同' : '审核通过后才有待签署的合同';
      throw new AppException(ErrorCode.ApplicationStatusConflict, `签约申请当前状态为「${STATUS_LABELS[application.status]}」，${hint}`);
    }
    const employee = application.employee!;
    const { document, terms } = await this.ensureDocument({ application, employee, user: employee.user! });
    return { filename: `${terms.applicationNo}-contract.pdf`, pdf: await this.uploads.read(document.filledKey) };
  }

  /** The signed file of an application, as HR's detail shows it; null until signed. */
  async signedDocumentOf(applicationId: number, baseUrl: string): Promise<SignedDocumentView | null> {
    const document = await this.documents.findByApplication(applicationId);
    if (!document?.signedKey) return null;
    return {
      signed_at: document.signedAt?.toISOString() ?? null, sha256: document.signedSha256, timestamp_at: document.timestampAt?.toISOString() ?? null,
      url: this.uploads.signedUrl(document.signedKey, baseUrl), expires_in: FILE_LINK_TTL_SECONDS,
    };
  }

  private async load(userId: number): Promise<SigningContext> {
    const employee = await this.employees.findByUser(userId);
    const application = employee && (await this.applications.findByEmployeeWithTerms(employee.id));
    const user = await this.users.findById(userId);
    if (!employee || !application || !user) throw new AppException(ErrorCode.EmployeeNotFound);
    return { application, employee, user };
  }

  private actor({ user }: SigningContext, context: RequestContext): ApplicationActor {
    return { type: 'employee', userId: user.id, context };
  }

  private terms({ application, employee }: SigningContext, contract: Contract): ContractTerms {
    const entryDate = application.entryDate!;
    return {
      applicationNo: applicationNo(application.id),
      contractName: contract.contractName,
      companyName: application.company!.companyName,
      contractBody: contract.contractBody,
      workerName: employee.realName,
      idNumberMasked: maskIdNumber(this.employees.idNumberOf(employee)),
      phone: employee.phone,
      position: application.workPos,
      salary: application.salary,
      entryDate,
      termYears: contract.signYear,
      endDate: termEndDate(entryDate, contract.signYear),
    };
  }

  /**
   * The filled document of the current approval: rendered and stored the first time, then reused,
   * so every view and the signature concern the same bytes. Terms that changed (a new approval after
   * a cancellation) render a new one.
   */
  private async ensureDocument(signing: SigningContext): Promise<{ document: ContractDocument; terms: ContractTerms }> {
    const contract = signing.application.contract!;
    const terms = this.terms(signing, contract);
    const termsSha256 = sha256Hex(JSON.stringify({ ...terms, contractId: contract.id, template: contract.fileUrl }));
    const existing = await this.documents.findByApplication(signing.application.id);
    if (existing && existing.termsSha256 === termsSha256) return { document: existing, terms };

    const template = await this.uploads.read(contract.fileUrl);
    const filled = await renderContractForSigning(template, terms);
    try {
      await this.uploads.storeThen([{ bytes: filled, mime: 'application/pdf', ownerUserId: signing.user.id }], async ([stored]) => {
        const fields = { termsSha256, templateSha256: sha256Hex(template), filledKey: stored.storageKey, filledSha256: stored.sha256 };
        if (existing) await this.documents.update(existing.id, fields);
        else await this.documents.insert({ applicationId: signing.application.id, ...fields });
      });
    } catch (error) {
      // Two first views at once: the other one's document stands (and this one's file is gone again).
      if (!isUniqueViolation(error)) throw error;
    }
    return { document: (await this.documents.findByApplication(signing.application.id))!, terms };
  }

  /** The evidence chain printed on the audit page: what happened before, then this signing's own steps. */
  private async auditTrail(signing: SigningContext, terms: ContractTerms, document: ContractDocument, parties: SigningParties, now: AuditTrail['events']): Promise<AuditTrail> {
    const history = await this.applications.history(signing.application.id);
    const events = history
      .filter((e) => EVENT_LABELS[e.event])
      .map((e) => ({ label: EVENT_LABELS[e.event]!, at: e.createdAt, ip: e.ip, city: e.city, location: e.lng !== null && e.lat !== null ? `${e.lng},${e.lat}` : null }));
    return {
      applicationNo: terms.applicationNo,
      worker: { name: terms.workerName, idNumberMasked: terms.idNumberMasked, phone: terms.phone, certificate: certificateSummary(parties.worker.certificate.raw) },
      employer: { companyName: terms.companyName, contractBody: terms.contractBody, certificate: certificateSummary(parties.employer.certificate.raw) },
      templateSha256: document.templateSha256,
      filledSha256: document.filledSha256,
      events: [...events, ...now],
      eventChainHead: (await this.applications.eventChainHead(signing.application.id)) ?? '',
    };
  }

  private where(context: RequestContext): { ip: string; city: string | null; location: string | null } {
    const { ip, city, lng, lat } = origin(context);
    return { ip, city, location: lng !== null && lat !== null ? `${lng},${lat}` : null };
  }
}

/** Both signers' issuers, each once, PEM: what `openssl verify -CAfile` needs for either certificate. */
function issuersPem(...signers: IssuedSigner[]): string {
  const seen = new Set<string>();
  return signers
    .flatMap((signer) => signer.chain)
    .filter((certificate) => !seen.has(certificate.fingerprint256) && !!seen.add(certificate.fingerprint256))
    .map((certificate) => certificate.toString())
    .join('');
}
