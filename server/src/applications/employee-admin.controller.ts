import { Controller, Get, Query } from '@nestjs/common';
import { Page } from '@shanqian/shared';
import { AdminPrincipal, AdminRoute, CurrentAdmin } from '../admin/admin-route.decorator';
import { EmployeeAdminService, EmployeeListRow } from './employee-admin.service';
import { EmployeeListQueryDto } from './dto/employee-list-query.dto';

/** Every admin; what an hr admin sees is narrowed by the service. */
@AdminRoute()
@Controller('admin/employees')
export class EmployeeAdminController {
  constructor(private readonly employees: EmployeeAdminService) {}

  @Get()
  list(@Query() query: EmployeeListQueryDto, @CurrentAdmin() admin: AdminPrincipal): Promise<Page<EmployeeListRow>> {
    return this.employees.list(query, admin);
  }
}
