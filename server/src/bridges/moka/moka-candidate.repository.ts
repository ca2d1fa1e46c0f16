import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In, IsNull, Not } from 'typeorm';
import { Employee } from '../../employee/employee.entity';
import { MokaCandidate } from './moka-candidate.entity';

/** Every query of `moka_candidate`, the records Moka handed over. */
@Injectable()
export class MokaCandidateRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  findByMokaApplicationId(mokaApplicationId: string): Promise<MokaCandidate | null> {
    return this.candidates().findOneBy({ mokaApplicationId });
  }

  /** A candidate may have several applications: the one Moka changed last is the current one. */
  latestForPhone(phone: string): Promise<MokaCandidate | null> {
    return this.candidates().findOne({ where: { phone }, order: { updatedAt: 'DESC', id: 'DESC' } });
  }

  /** The e-mail Moka last gave for the person behind this resume (闪签云's resumes carry none). */
  async latestEmailOf(employeeId: number): Promise<string | null> {
    const candidate = await this.candidates().findOne({ where: { employeeId, email: Not(IsNull()) }, order: { id: 'DESC' } });
    return candidate?.email ?? null;
  }

  /** The Moka record the person behind this resume was last imported from, for HR's view of the application. */
  latestForEmployee(employeeId: number): Promise<MokaCandidate | null> {
    return this.candidates().findOne({ where: { employeeId }, order: { updatedAt: 'DESC', id: 'DESC' } });
  }

  /** Fails on the unique moka_application_id when a concurrent import created the record first. */
  async insert(values: Omit<MokaCandidate, 'id' | 'createdAt' | 'updatedAt'>): Promise<void> {
    await this.candidates().insert(values);
  }

  async update(id: number, changes: Partial<MokaCandidate>): Promise<void> {
    await this.candidates().update(id, changes);
  }

  /**
   * Sets employee_id on the unlinked records (of `phone`, or all) whose phone a resume now uses.
   * It reads `employee` directly (its phone) until the employee module offers that lookup.
   */
  async linkEmployees(phone?: string): Promise<void> {
    const query = this.db
      .createQueryBuilder(MokaCandidate, 'c')
      .innerJoin(Employee, 'e', 'e.phone = c.phone')
      .select(['c.id AS candidate_id', 'e.id AS employee_id'])
      .where('c.employee_id IS NULL');
    if (phone) query.andWhere('c.phone = :phone', { phone });
    const links = await query.getRawMany<{ candidate_id: number; employee_id: number }>();
    for (const employeeId of new Set(links.map((link) => Number(link.employee_id)))) {
      const ids = links.filter((link) => Number(link.employee_id) === employeeId).map((link) => Number(link.candidate_id));
      await this.candidates().update({ id: In(ids) }, { employeeId });
    }
  }

  private candidates() {
    return this.db.getRepository(MokaCandidate);
  }
}
