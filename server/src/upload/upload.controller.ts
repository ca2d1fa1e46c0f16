import { pipeline } from 'node:stream/promises';
import { Controller, Get, HttpCode, Inject, Logger, Param, Post, Query, Req, Res, UploadedFile, UseInterceptors } from '@nestjs/common';
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
  private readonly logger = new Logger(UploadController.name);

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
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    // Set only once the file is open, so an error answered instead still goes out as plain JSON.
    const file = await this.uploads.openSigned(key, expires, sig);
    res.set({
      'Content-Type': file.upload.mime,
      'Content-Length': String(file.upload.size),
      'X-Content-Type-Options': 'nosniff',
      'Content-Disposition': 'inline',
      // The content's own hash: the same on every instance and for either store, unlike a file's mtime.
      ETag: `"${file.upload.sha256}"`,
    });
    if (req.fresh) {
      file.body.destroy();
      res.status(304).end();
      return;
    }
    try {
      await pipeline(file.body, res);
    } catch (error) {
      // The headers are out: pipeline has closed the connection, and there is nobody left to tell.
      if ((error as NodeJS.ErrnoException).code !== 'ERR_STREAM_PREMATURE_CLOSE') this.logger.warn(`Serving ${key} stopped: ${String(error)}`);
    }
  }
}
