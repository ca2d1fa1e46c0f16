import { Controller, Get, Query } from '@nestjs/common';
import { Page } from '@shanqian/shared';
import { AdminPrincipal, CurrentAdmin } from '../admin/admin-route.decorator';
import { ApplicationAdminService, EmployeeListRow } from './application-admin.service';
import { EmployeeListQueryDto } from './dto/employee-list-query.dto';

/** The employee search: the application list in other columns; an hr admin sees those in their scope. */
@Controller('admin/employees')
export class EmployeeAdminController {
  constructor(private readonly applications: ApplicationAdminService) {}

  @Get()
  list(@Query() query: EmployeeListQueryDto, @CurrentAdmin() admin: AdminPrincipal): Promise<Page<EmployeeListRow>> {
    return this.applications.employeeList(admin, query);
  }
}
