import { Column, Entity, Index, JoinColumn, OneToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Timestamped } from '../database/timestamped.entity';
import { SignApplication } from '../applications/sign-application.entity';

/**
 * The contract of one application: the filled document the worker previews (rendered once per
 * approval, so what is signed is exactly what was shown) and, once signed, the PDF carrying both
 * parties' signatures with what the evidence package needs beside it.
 */
@Entity('contract_document')
export class ContractDocument extends Timestamped {
  @PrimaryGeneratedColumn()
  id!: number;

  @Index({ unique: true })
  @Column({ name: 'apply_id', type: 'int' })
  applicationId!: number;

  @OneToOne(() => SignApplication, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'apply_id' })
  application?: SignApplication;

  /** SHA-256 of the approved terms the filled document was rendered from; a new approval with other terms renders anew. */
  @Column({ name: 'terms_sha256', type: 'varchar', length: 64 })
  termsSha256!: string;

  @Column({ name: 'template_sha256', type: 'varchar', length: 64 })
  templateSha256!: string;

  @Column({ name: 'filled_key', type: 'varchar', length: 64 })
  filledKey!: string;

  @Column({ name: 'filled_sha256', type: 'varchar', length: 64 })
  filledSha256!: string;

  @Column({ name: 'signed_key', type: 'varchar', length: 64, nullable: true })
  signedKey!: string | null;

  @Index()
  @Column({ name: 'signed_sha256', type: 'varchar', length: 64, nullable: true })
  signedSha256!: string | null;

  @Column({ name: 'signed_at', type: 'datetime', nullable: true })
  signedAt!: Date | null;

  @Column({ name: 'signature_upload_id', type: 'int', nullable: true })
  signatureUploadId!: number | null;

  /** The platform certificate's SHA-256, for contracts signed before the two-party signature (one platform seal); null since. */
  @Column({ name: 'cert_sha256', type: 'varchar', length: 64, nullable: true })
  certSha256!: string | null;

  /** The worker's event certificate (PEM): its key signed once and was discarded. */
  @Column({ name: 'worker_cert_pem', type: 'text', nullable: true })
  workerCertPem!: string | null;

  /** The company certificate that sealed it (PEM). */
  @Column({ name: 'employer_cert_pem', type: 'text', nullable: true })
  employerCertPem!: string | null;

  /** The issuers of both certificates at the time of signing (PEM, root last), so a later CA change leaves the package whole. */
  @Column({ name: 'ca_chain_pem', type: 'text', nullable: true })
  caChainPem!: string | null;

  /** The head of the application's event hash chain that the audit page prints. */
  @Column({ name: 'event_chain_head', type: 'varchar', length: 64, nullable: true })
  eventChainHead!: string | null;

  /** The RFC 3161 token of the document time stamp (base64 of the DER), when TSA_URL is set. */
  @Column({ name: 'timestamp_token', type: 'text', nullable: true })
  timestampToken!: string | null;

  /** genTime of the RFC 3161 document time stamp, when TSA_URL is set. */
  @Column({ name: 'timestamp_at', type: 'datetime', nullable: true })
  timestampAt!: Date | null;
}
