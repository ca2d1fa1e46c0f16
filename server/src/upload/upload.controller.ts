import { Controller, Get, HttpCode, Inject, Param, Post, Query, Req, Res, UploadedFile, UseInterceptors } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import type { ImageUploadResponse } from '@shanqian/shared';
import type { Request, Response } from 'express';
import { AuthenticatedUser, CurrentUser } from '../auth/current-user.decorator';
import { Public } from '../auth/public.decorator';
import { RawResponse, WithErrorCodeField } from '../common/envelope';
import { publicBaseUrl } from '../common/public-url';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { UploadErrorsInterceptor } from './upload-errors.interceptor';
import { UploadService } from './upload.service';

@Controller('image')
export class UploadController {
  constructor(
    private readonly uploads: UploadService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** multer's storage and limits come from MulterModule.registerAsync in UploadModule (they depend on the configuration). */
  @Post()
  @HttpCode(200)
  @WithErrorCodeField()
  @UseInterceptors(UploadErrorsInterceptor, FileInterceptor('file'))
  async upload(
    @UploadedFile() file: Express.Multer.File | undefined,
    @CurrentUser() user: AuthenticatedUser,
    @Req() req: Request,
  ): Promise<ImageUploadResponse> {
    const upload = await this.uploads.storeImage(user.userId, file);
    return { url: this.uploads.signedUrl(upload.storageKey, publicBaseUrl(req, this.config)) };
  }

  /** The signature in the query is the credential (see isSignedFileRequest): no session, no protocol headers. */
  @Public()
  @RawResponse()
  @Get(':key')
  async download(
    @Param('key') key: string,
    @Query('expires') expires: unknown,
    @Query('sig') sig: unknown,
    @Res() res: Response,
  ): Promise<void> {
    const file = await this.uploads.openSigned(key, expires, sig);
    // Passed to sendFile rather than set now, so an error answered instead still goes out as JSON.
    const headers = {
      'Content-Type': file.upload.mime,
      'X-Content-Type-Options': 'nosniff',
      'Content-Disposition': 'inline',
    };
    await new Promise<void>((resolve, reject) =>
      res.sendFile(file.path, { headers, cacheControl: false, dotfiles: 'deny' }, (error?: Error) =>
        // Once the headers are out (the client went away mid-file, say) there is nobody left to tell.
        error && !res.headersSent ? reject(error) : resolve(),
      ),
    );
  }
}
