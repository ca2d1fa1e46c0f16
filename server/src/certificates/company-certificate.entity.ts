import type { CertificateSource } from '@shanqian/shared';
import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { Timestamped } from '../database/timestamped.entity';

export type { CertificateSource };

/** `active_for` of a company's uploaded certificate: it signs for every contracting entity of the company. */
export const EVERY_CONTRACT_BODY = '*';

/**
 * A company's signing certificate: issued by the platform's CA for one contracting entity
 * (合同主体), or a licensed CA's uploaded by a super admin for all of them. Rows are never deleted:
 * a file signed with a certificate since replaced must stay explainable.
 */
@Entity('company_certificate')
@Index(['companyId', 'activeFor'], { unique: true })
export class CompanyCertificate extends Timestamped {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ name: 'company_id', type: 'int' })
  companyId!: number;

  /** The contracting entity a generated certificate names (its CN); null for an uploaded one. */
  @Column({ name: 'contract_body', type: 'varchar', length: 32, nullable: true })
  contractBody!: string | null;

  /**
   * The active flag, and the lock against two concurrent first uses: the contracting entity (or
   * EVERY_CONTRACT_BODY) while active, null once replaced or removed. Unique per company, so two
   * racing issuers cannot both leave an active certificate.
   */
  @Column({ name: 'active_for', type: 'varchar', length: 32, nullable: true })
  activeFor!: string | null;

  @Column({ type: 'varchar', length: 16 })
  source!: CertificateSource;

  /** Hex, as the certificate's serialNumber. */
  @Column({ type: 'varchar', length: 64 })
  serial!: string;

  /** SHA-256 of the certificate (DER), lowercase hex. */
  @Index()
  @Column({ name: 'fingerprint_sha256', type: 'varchar', length: 64 })
  fingerprintSha256!: string;

  @Column({ name: 'certificate_pem', type: 'text' })
  certificatePem!: string;

  /** The certificates above an uploaded one, PEM, nearest first; null for a generated one (its chain is the CA's). */
  @Column({ name: 'chain_pem', type: 'text', nullable: true })
  chainPem!: string | null;

  /** The private key (PKCS#8 PEM) encrypted under DATA_KEY (SecretsService). */
  @Column({ name: 'private_key_enc', type: 'text' })
  privateKeyEnc!: string;

  @Column({ name: 'not_before', type: 'datetime' })
  notBefore!: Date;

  @Column({ name: 'not_after', type: 'datetime' })
  notAfter!: Date;
}
