import { Body, Controller, Get, HttpCode, Inject, Post, Req, StreamableFile, UploadedFile, UseGuards, UseInterceptors } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { Throttle, ThrottlerGuard } from '@nestjs/throttler';
import type { ContractPreviewResponse, DocumentVerificationResponse, SignedDocumentResponse } from '@shanqian/shared';
import type { Request } from 'express';
import { AuthenticatedUser, CurrentUser } from '../auth/current-user.decorator';
import { Public } from '../auth/public.decorator';
import { RawResponse } from '../common/envelope';
import { publicBaseUrl } from '../common/public-url';
import { Ctx, RequestContext } from '../common/request-context';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { UploadErrorsInterceptor } from '../upload/upload-errors.interceptor';
import { SignContractDto } from './dto/sign-contract.dto';
import { assertSignaturePng } from './signature-image';
import { evidenceFile } from './evidence/evidence.service';
import { SigningService } from './signing.service';

@Controller()
export class SigningController {
  constructor(
    private readonly signing: SigningService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Get('sign/contract')
  preview(@CurrentUser() user: AuthenticatedUser, @Req() req: Request, @Ctx() context: RequestContext): Promise<ContractPreviewResponse> {
    return this.signing.preview(user.userId, publicBaseUrl(req, this.config), context);
  }

  @Post('sign')
  @HttpCode(200)
  @UseInterceptors(UploadErrorsInterceptor, FileInterceptor('signature'))
  sign(
    @UploadedFile() signature: Express.Multer.File | undefined,
    @Body() body: SignContractDto,
    @CurrentUser() user: AuthenticatedUser,
    @Req() req: Request,
    @Ctx() context: RequestContext,
  ): Promise<SignedDocumentResponse> {
    return this.signing.sign(user.userId, assertSignaturePng(signature), body.verify_code, publicBaseUrl(req, this.config), context);
  }

  @Get('sign/document')
  document(@CurrentUser() user: AuthenticatedUser, @Req() req: Request): Promise<SignedDocumentResponse> {
    return this.signing.document(user.userId, publicBaseUrl(req, this.config));
  }

  @Get('sign/evidence')
  @RawResponse()
  async evidence(@CurrentUser() user: AuthenticatedUser): Promise<StreamableFile> {
    return evidenceFile(await this.signing.evidencePackage(user.userId));
  }

  /** Anyone holding a file may ask; each check parses an uploaded PDF, so the rate is kept low. */
  @Public()
  @Post('verify/document')
  @HttpCode(200)
  @UseGuards(ThrottlerGuard)
  @Throttle({ ip: { limit: 10, ttl: 60_000 } })
  @UseInterceptors(UploadErrorsInterceptor, FileInterceptor('file'))
  verify(@UploadedFile() file: Express.Multer.File | undefined): Promise<DocumentVerificationResponse> {
    return this.signing.verify(file);
  }
}
