import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, EntityTarget, Not } from 'typeorm';
import { EmployeeEducation } from './employee-education.entity';
import { EmployeeWorkExperience } from './employee-work-experience.entity';
import { Employee } from './employee.entity';

/** Every query of the resume: `employee` with its education (`employee_edu`) and work history (`work_exp`). */
@Injectable()
export class EmployeeRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  findByUser(userId: number): Promise<Employee | null> {
    return this.db.getRepository(Employee).findOneBy({ userId });
  }

  findById(id: number): Promise<Employee | null> {
    return this.db.getRepository(Employee).findOneBy({ id });
  }

  existsForUser(userId: number): Promise<boolean> {
    return this.db.getRepository(Employee).existsBy({ userId });
  }

  /** The whole resume: rows in their order, ID card photos; by the worker's user id or the employee id. */
  findWhole(by: { userId: number } | { id: number }): Promise<Employee | null> {
    return this.db.getRepository(Employee).findOne({
      where: by,
      relations: { education: true, workExperience: true, idCardFront: true, idCardBack: true, user: true },
      order: { education: { sort: 'ASC' }, workExperience: { sort: 'ASC' } },
    });
  }

  /** Whether a resume of another user has this phone, or this ID number. */
  async clash(userId: number, phone: string, idNumberHash: string): Promise<'phone' | 'id_number' | null> {
    const others = this.db.getRepository(Employee);
    if (await others.existsBy({ phone, userId: Not(userId) })) return 'phone';
    if (await others.existsBy({ idNumberHash, userId: Not(userId) })) return 'id_number';
    return null;
  }

  async insert(manager: EntityManager, fields: Partial<Employee>, education: Partial<EmployeeEducation>[], work: Partial<EmployeeWorkExperience>[]): Promise<Employee> {
    const employee = await manager.save(Employee, manager.create(Employee, fields));
    await this.insertRows(manager, employee.id, education, work);
    return employee;
  }

  /** The resume and its rows, replaced whole. */
  async replace(manager: EntityManager, id: number, fields: Partial<Employee>, education: Partial<EmployeeEducation>[], work: Partial<EmployeeWorkExperience>[]): Promise<void> {
    await manager.update(Employee, id, fields);
    await this.deleteRows(manager, EmployeeEducation, id);
    await this.deleteRows(manager, EmployeeWorkExperience, id);
    await this.insertRows(manager, id, education, work);
  }

  /**
   * By primary key: on MariaDB a delete by employee_id also locks the gaps of that index beside the
   * rows, where the neighbouring resumes' edits insert theirs, and simultaneous edits of different
   * resumes deadlocked there. The ids read need no lock: the application's version check already
   * serializes the edits of one resume.
   */
  private async deleteRows(manager: EntityManager, entity: EntityTarget<EmployeeEducation | EmployeeWorkExperience>, employeeId: number): Promise<void> {
    const rows = await manager.find(entity, { select: { id: true }, where: { employeeId } });
    if (rows.length) await manager.delete(entity, rows.map((row) => row.id));
  }

  private async insertRows(manager: EntityManager, employeeId: number, education: Partial<EmployeeEducation>[], work: Partial<EmployeeWorkExperience>[]): Promise<void> {
    await manager.insert(EmployeeEducation, education.map((row) => ({ ...row, employeeId })));
    await manager.insert(EmployeeWorkExperience, work.map((row) => ({ ...row, employeeId })));
  }
}
