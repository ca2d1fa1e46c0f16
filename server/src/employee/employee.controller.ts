import { Body, Controller, Get, HttpCode, Inject, Post, Put, Req } from '@nestjs/common';
import type { EmployeeResponse } from '@shanqian/shared';
import type { Request } from 'express';
import { AuthenticatedUser, CurrentUser } from '../auth/current-user.decorator';
import { publicBaseUrl } from '../common/public-url';
import { Ctx, RequestContext } from '../common/request-context';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { EmployeeDto } from './dto/employee.dto';
import { EmployeeService } from './employee.service';

@Controller('employee')
export class EmployeeController {
  constructor(
    private readonly employees: EmployeeService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Post()
  @HttpCode(200)
  async create(@CurrentUser() user: AuthenticatedUser, @Body() body: EmployeeDto, @Ctx() context: RequestContext): Promise<null> {
    await this.employees.create(user.userId, body, context);
    return null;
  }

  @Put()
  async update(@CurrentUser() user: AuthenticatedUser, @Body() body: EmployeeDto, @Ctx() context: RequestContext): Promise<null> {
    await this.employees.update(user.userId, body, context);
    return null;
  }

  @Get()
  get(@CurrentUser() user: AuthenticatedUser, @Req() req: Request): Promise<EmployeeResponse> {
    return this.employees.get(user.userId, publicBaseUrl(req, this.config));
  }
}
