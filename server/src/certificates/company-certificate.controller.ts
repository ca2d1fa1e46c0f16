import { Body, Controller, Delete, Get, Put, UploadedFile, UseInterceptors } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { type CompanyCertificates, ErrorCode } from '@shanqian/shared';
import { AdminPrincipal, AdminRoles, CurrentAdmin } from '../admin/admin-route.decorator';
import { AppException } from '../common/app.exception';
import { IdParam } from '../common/id-param';
import { Ctx, RequestContext } from '../common/request-context';
import { UploadErrorsInterceptor } from '../upload/upload-errors.interceptor';
import { CertificateService } from './certificate.service';
import { CertificateUploadDto } from './certificate-upload.dto';

/** A company's signing certificates: a super admin's business only (a P12 carries a key that signs for the company). */
@AdminRoles('super')
@Controller('admin/companies/:id/certificate')
export class CompanyCertificateController {
  constructor(private readonly certificates: CertificateService) {}

  @Get()
  info(@IdParam() id: number): Promise<CompanyCertificates> {
    return this.certificates.companyCertificateInfo(id);
  }

  /** multipart/form-data: the PKCS#12 in `file`, its password in `password`. */
  @Put()
  @UseInterceptors(UploadErrorsInterceptor, FileInterceptor('file'))
  upload(
    @IdParam() id: number,
    @Body() body: CertificateUploadDto,
    @UploadedFile() file: Express.Multer.File | undefined,
    @CurrentAdmin() admin: AdminPrincipal,
    @Ctx() context: RequestContext,
  ): Promise<CompanyCertificates> {
    if (!file) throw new AppException(ErrorCode.UploadMissing, '请在字段 file 中上传 PKCS#12 证书文件');
    return this.certificates.upload(id, file.buffer, body.password ?? '', admin, context.ip);
  }

  @Delete()
  remove(@IdParam() id: number, @CurrentAdmin() admin: AdminPrincipal, @Ctx() context: RequestContext): Promise<CompanyCertificates> {
    return this.certificates.removeUpload(id, admin, context.ip);
  }
}
