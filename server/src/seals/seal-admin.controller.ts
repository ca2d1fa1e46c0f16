import type { CompanySealRow } from '@shanqian/shared';
import { Body, Controller, Get, HttpCode, Post, Put, Query, StreamableFile, UploadedFile, UseInterceptors } from '@nestjs/common';
import { AdminPrincipal, AdminRoles, CurrentAdmin } from '../admin/admin-route.decorator';
import { UploadErrorsWhenMultipartInterceptor } from '../admin/contracts/optional-upload.interceptor';
import { AppException } from '../common/app.exception';
import { RawResponse } from '../common/envelope';
import { IdParam } from '../common/id-param';
import { Ctx, RequestContext } from '../common/request-context';
import { SealAuthorizationDto, SealDto, SealPreviewQueryDto } from './seal.dto';
import { SealService } from './seal.service';
import { SealFileInterceptor } from './seal-upload.interceptor';

/** A company's seal and its authorization to seal: super admins only, as both bind the company. */
@AdminRoles('super')
@Controller('admin/companies/:id')
export class SealAdminController {
  constructor(private readonly seals: SealService) {}

  @Get('seal')
  describe(@IdParam() id: number): Promise<CompanySealRow> {
    return this.seals.describe(id);
  }

  @Get('seal/preview')
  @RawResponse()
  async preview(@IdParam() id: number, @Query() query: SealPreviewQueryDto): Promise<StreamableFile> {
    const { bytes, type } = await this.seals.preview(id, query.format ?? 'png');
    return new StreamableFile(bytes, { type, disposition: 'inline' });
  }

  /** multipart/form-data with the PNG in `file` (uploaded seal), or `{"kind": "generated", "bottom_text"?}` (back to the generated one). */
  @Put('seal')
  @UseInterceptors(UploadErrorsWhenMultipartInterceptor, SealFileInterceptor)
  update(
    @IdParam() id: number,
    @Body() body: SealDto,
    @UploadedFile() file: Express.Multer.File | undefined,
    @CurrentAdmin() admin: AdminPrincipal,
    @Ctx() context: RequestContext,
  ): Promise<CompanySealRow> {
    if (file) return this.seals.useUploaded(id, file, admin, context.ip);
    if (body.kind === 'generated') return this.seals.useGenerated(id, body.bottom_text ?? null, admin, context.ip);
    throw AppException.invalid('file', '请在字段 file 中上传 PNG 印章图片，或以 kind=generated 恢复系统生成的印章');
  }

  @Post('seal-authorization')
  @HttpCode(200)
  authorize(@IdParam() id: number, @Body() body: SealAuthorizationDto, @CurrentAdmin() admin: AdminPrincipal, @Ctx() context: RequestContext): Promise<CompanySealRow> {
    return this.seals.setAuthorization(id, body.enabled, body.password, admin, context.ip);
  }
}
