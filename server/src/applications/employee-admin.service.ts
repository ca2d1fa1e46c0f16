import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Gender, Page, SignApplicationStatus } from '@shanqian/shared';
import { DataSource } from 'typeorm';
import { SecretsService } from '../common/crypto/secrets.service';
import { maskIdNumber } from '../common/mask';
import { paginate } from '../common/pagination';
import { SignApplication } from './sign-application.entity';
import { AdminPrincipal, seesAllApplications } from '../admin/admin-route.decorator';
import { applyListFilters } from '../admin/records/admin-records.service';
import { EmployeeListQueryDto } from './dto/employee-list-query.dto';

export interface EmployeeListRow {
  id: number;
  real_name: string;
  phone: string;
  /** First 4 and last 4 characters only: the full number is for the screens that audit its reveal. */
  id_number_masked: string;
  gender: Gender;
  age: number;
  company_name: string;
  work_pos: string;
  application_id: number;
  status: SignApplicationStatus;
  apply_time: Date;
}

/** Workers as the back office searches them: one row per resume with its application (every resume has exactly one). */
@Injectable()
export class EmployeeAdminService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly secrets: SecretsService,
  ) {}

  async list(query: EmployeeListQueryDto, admin: AdminPrincipal): Promise<Page<EmployeeListRow>> {
    const builder = this.db
      .createQueryBuilder(SignApplication, 'a')
      .innerJoinAndSelect('a.employee', 'e')
      .leftJoinAndSelect('a.company', 'c');
    applyListFilters(builder, query, ['e.real_name', 'e.phone']);
    if (query.status) builder.andWhere('a.status = :status', { status: query.status });
    // An hr admin works the applications assigned to them, unless granted to see all.
    if (!seesAllApplications(admin)) builder.andWhere('a.ad_user_id = :handlerId', { handlerId: admin.adminId });
    builder.orderBy('a.applyTime', 'DESC').addOrderBy('a.id', 'DESC');
    return paginate(builder, query, (row) => this.toRow(row));
  }

  private toRow(application: SignApplication): EmployeeListRow {
    const employee = application.employee!;
    return {
      id: employee.id,
      real_name: employee.realName,
      phone: employee.phone,
      id_number_masked: maskIdNumber(this.secrets.decrypt(employee.idNumberEnc)),
      gender: employee.gender,
      age: employee.age,
      company_name: application.company?.companyName ?? '',
      work_pos: application.workPos,
      application_id: application.id,
      status: application.status,
      apply_time: application.applyTime,
    };
  }
}
