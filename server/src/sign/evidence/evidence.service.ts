import { X509Certificate } from 'node:crypto';
import { Inject, Injectable, StreamableFile } from '@nestjs/common';
import { ErrorCode } from '@shanqian/shared';
import { ApplicationsService } from '../../applications/applications.service';
import { SignApplication } from '../../applications/sign-application.entity';
import { AppException } from '../../common/app.exception';
import { Clock, CLOCK } from '../../common/clock';
import { sha256Hex } from '../../common/crypto/secrets.service';
import { maskIdNumber, maskPhone } from '../../common/mask';
import { EmployeeService } from '../../employee/employee.service';
import { RealnameService } from '../../realname/realname.service';
import { SealService } from '../../seals/seal.service';
import { UploadService } from '../../upload/upload.service';
import { ContractDocument } from '../contract-document.entity';
import { ContractDocumentRepository } from '../contract-document.repository';
import { certificateSummary } from '../pdf/contract-pdf';
import { inspectSignatures, SignatureInspection } from '../pdf/signed-pdf-verifier';
import { applicationNo } from '../application-no';
import { buildEvidencePackage, EVIDENCE_FILES, PackagedTimestamp } from './evidence-package';

const PEM_CERTIFICATE = /-----BEGIN CERTIFICATE-----[^-]+-----END CERTIFICATE-----/g;

/** The evidence package of one signed contract, for HR (`GET /admin/applications/:id/evidence`) and its worker (`GET /sign/evidence`). */
@Injectable()
export class EvidenceService {
  constructor(
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly applications: ApplicationsService,
    private readonly employees: EmployeeService,
    private readonly realname: RealnameService,
    private readonly seals: SealService,
    private readonly documents: ContractDocumentRepository,
    private readonly uploads: UploadService,
  ) {}

  /** The ZIP and its file name; 404 until the contract carries both parties' signatures. */
  async packageFor(application: SignApplication): Promise<{ filename: string; zip: Buffer }> {
    const document = await this.documents.findByApplication(application.id);
    if (!document?.signedKey || !document.signedAt || !document.workerCertPem || !document.employerCertPem) {
      throw new AppException(ErrorCode.SignDocumentNotFound, '合同尚未由双方签署完成，暂无证据包');
    }
    const employee = await this.employees.findById(application.employeeId);
    if (!employee) throw new AppException(ErrorCode.EmployeeNotFound);
    const no = applicationNo(application.id);
    const signedPdf = await this.uploads.read(document.signedKey);
    const signedSha256 = sha256Hex(signedPdf);
    const signatures = await inspectSignatures(signedPdf);
    const timestamp = timestampOf(document, signatures.find((s) => s.role === 'timestamp'), signedPdf);
    const [events, chain, checks, seal] = await Promise.all([
      this.applications.evidenceEvents(application.id),
      this.applications.checkEventChain(application.id),
      this.realname.recentChecks(employee.id),
      this.seals.describe(application.companyId),
    ]);
    const intent = events.filter((e) => e.event === 'intent_confirmed').pop();
    const certificate = (pem: string, file: string) => {
      const x509 = new X509Certificate(pem);
      return { file, subject: x509.subject.split('\n').join(', '), ...certificateSummary(x509.raw), not_before: x509.validFrom, not_after: x509.validTo };
    };
    const evidence = {
      format: 'shanqian-evidence/1',
      generated_at: new Date(this.clock.now()).toISOString(),
      application: {
        id: application.id,
        application_no: no,
        status: application.status,
        company: application.company?.companyName ?? null,
        contracting_entity: application.contract?.contractBody ?? null,
        contract_name: application.contract?.contractName ?? null,
        position: application.workPos,
        salary: application.salary,
        entry_date: application.entryDate,
      },
      worker: { name: employee.realName, id_number_masked: maskIdNumber(this.employees.idNumberOf(employee)), phone_masked: maskPhone(employee.phone) },
      event_chain: { ok: chain.ok, head: chain.head, events: chain.events, head_on_audit_page: document.eventChainHead, broken_at: chain.brokenAt ?? null },
      events,
      realname_checks: checks.map((c) => ({ provider: c.provider, outcome: c.outcome, with_selfie: c.with_selfie, request_id: c.request_id, reason: c.reason, ip: c.ip, checked_at: c.created_at })),
      // The employer's seal is automatic under this authorization (its history is in the audit log).
      seal_authorization: { authorized: seal.authorized, by: seal.authorized_by_name, at: seal.authorized_at, ip: seal.authorized_ip },
      intent_confirmation: intent ? { confirmed_at: intent.created_at, phone_masked: (intent.detail as { phone?: string } | null)?.phone ?? null } : null,
      files: { template_sha256: document.templateSha256, filled_sha256: document.filledSha256, signed_sha256: signedSha256 },
      signatures: signatures.map((s) => ({
        role: s.role, field: s.fieldName, signer: s.commonName, signing_time: s.signingTime, valid: s.valid, covers_revision: s.coversRevision,
        certificate_sha256: s.certificateSha256,
      })),
      certificates: {
        worker: certificate(document.workerCertPem, EVIDENCE_FILES.worker),
        employer: certificate(document.employerCertPem, EVIDENCE_FILES.employer),
        ca_chain: EVIDENCE_FILES.caChain,
      },
      time_stamp: timestamp
        ? { gen_time: timestamp.genTime, byte_range: timestamp.byteRange, imprint_sha256: timestamp.imprintSha256, token: EVIDENCE_FILES.token, tsa_certificates: EVIDENCE_FILES.tsaChain }
        : null,
    };
    const zip = buildEvidencePackage({
      applicationNo: no,
      generatedAt: new Date(this.clock.now()),
      signedPdf,
      signedSha256,
      evidence,
      worker: { name: employee.realName, certificatePem: document.workerCertPem, signedAt: document.signedAt },
      employer: { name: application.contract?.contractBody ?? application.company?.companyName ?? '', certificatePem: document.employerCertPem, signedAt: document.signedAt },
      caChainPem: document.caChainPem?.match(PEM_CERTIFICATE) ?? [],
      timestamp,
      eventChainHead: document.eventChainHead,
    });
    return { filename: `${no}-evidence.zip`, zip };
  }
}

/** An evidence package as a download, the worker's route and HR's alike. */
export function evidenceFile({ filename, zip }: { filename: string; zip: Buffer }): StreamableFile {
  return new StreamableFile(zip, { type: 'application/zip', disposition: `attachment; filename="${filename}"` });
}

/** The stored token of the document time stamp with what the package needs to recompute its imprint from the PDF alone. */
function timestampOf(document: ContractDocument, inspection: SignatureInspection | undefined, pdf: Buffer): PackagedTimestamp | null {
  if (!document.timestampToken || !document.timestampAt || !inspection) return null;
  const [, firstLength, secondStart, secondLength] = inspection.byteRange;
  const imprint = sha256Hex(Buffer.concat([pdf.subarray(0, firstLength), pdf.subarray(secondStart, secondStart + secondLength)]));
  return {
    token: Buffer.from(document.timestampToken, 'base64'),
    genTime: document.timestampAt,
    byteRange: inspection.byteRange,
    imprintSha256: imprint,
    certificatesPem: inspection.certificate ? [new X509Certificate(inspection.certificate).toString()] : [],
  };
}
