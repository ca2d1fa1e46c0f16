import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, IsNull, Not } from 'typeorm';
import { CompanyCertificate } from './company-certificate.entity';

/** Every query of company_certificate. */
@Injectable()
export class CompanyCertificateRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  active(companyId: number, activeFor: string): Promise<CompanyCertificate | null> {
    return this.db.getRepository(CompanyCertificate).findOneBy({ companyId, activeFor });
  }

  /** The company's active certificates, the uploaded one (if any) first, then by contracting entity. */
  allActive(companyId: number): Promise<CompanyCertificate[]> {
    return this.db.getRepository(CompanyCertificate).find({ where: { companyId, activeFor: Not(IsNull()) }, order: { activeFor: 'ASC' } });
  }

  existsWithFingerprint(fingerprintSha256: string): Promise<boolean> {
    return this.db.getRepository(CompanyCertificate).existsBy({ fingerprintSha256 });
  }

  /** Fails with a unique violation if the company already has an active certificate for `values.activeFor`. */
  async insert(values: Omit<CompanyCertificate, 'id' | 'createdAt' | 'updatedAt'>, manager: EntityManager): Promise<CompanyCertificate> {
    const repository = manager.getRepository(CompanyCertificate);
    return repository.save(repository.create(values));
  }

  /** Takes the certificate out of use; false if it no longer was (someone else replaced it first). */
  async deactivate(id: number, manager: EntityManager): Promise<boolean> {
    const result = await manager.getRepository(CompanyCertificate).update({ id, activeFor: Not(IsNull()) }, { activeFor: null });
    return result.affected === 1;
  }
}
