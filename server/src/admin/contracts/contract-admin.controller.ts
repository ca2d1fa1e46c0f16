import { Body, Controller, Get, HttpCode, Inject, Post, Put, Query, Req, UploadedFile, UseInterceptors } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import type { ContractFileLink, ContractRow, Page } from '@shanqian/shared';
import type { Request } from 'express';
import { publicBaseUrl } from '../../common/public-url';
import { Ctx, RequestContext } from '../../common/request-context';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { UploadErrorsInterceptor } from '../../upload/upload-errors.interceptor';
import { AdminPrincipal, AdminRoles, CurrentAdmin } from '../admin-route.decorator';
import { IdParam } from '../../common/id-param';
import { SwitchableAdminController } from '../records/switchable-admin.controller';
import { ContractAdminService } from './contract-admin.service';
import { ContractDto, ContractListQueryDto } from './contract.dto';
import { FileWhenMultipartInterceptor, UploadErrorsWhenMultipartInterceptor } from './optional-upload.interceptor';

/** Every admin reads (HR staff choose a contract when approving) and opens templates; only a super admin writes. */
@Controller('admin/contracts')
export class ContractAdminController extends SwitchableAdminController {
  constructor(
    private readonly contracts: ContractAdminService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    super();
  }

  @Get()
  list(@Query() query: ContractListQueryDto): Promise<Page<ContractRow>> {
    return this.contracts.list(query);
  }

  @Get(':id/file')
  file(@IdParam() id: number, @Req() req: Request): Promise<ContractFileLink> {
    return this.contracts.fileLink(id, publicBaseUrl(req, this.config));
  }

  /** multipart/form-data: the template PDF in `file`, the other fields beside it. */
  @AdminRoles('super')
  @Post()
  @HttpCode(200)
  @UseInterceptors(UploadErrorsInterceptor, FileInterceptor('file'))
  create(
    @Body() body: ContractDto,
    @UploadedFile() file: Express.Multer.File | undefined,
    @CurrentAdmin() admin: AdminPrincipal,
    @Ctx() context: RequestContext,
  ): Promise<ContractRow> {
    return this.contracts.create(body, file, admin, context.ip);
  }

  /** multipart/form-data with an optional new `file`, or JSON to change the fields only. */
  @AdminRoles('super')
  @Put(':id')
  @UseInterceptors(UploadErrorsWhenMultipartInterceptor, FileWhenMultipartInterceptor)
  update(
    @IdParam() id: number,
    @Body() body: ContractDto,
    @UploadedFile() file: Express.Multer.File | undefined,
    @CurrentAdmin() admin: AdminPrincipal,
    @Ctx() context: RequestContext,
  ): Promise<ContractRow> {
    return this.contracts.update(id, body, file, admin, context.ip);
  }

  protected setEnabled(id: number, enabled: boolean, admin: AdminPrincipal, ip: string): Promise<ContractRow> {
    return this.contracts.setEnabled(id, enabled, admin, ip);
  }
}
